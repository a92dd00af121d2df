import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { validateAnswers } from "@/lib/labeling/label-input";
import { loadSession } from "@/lib/labeling/sessions/access";
import { loadReviewOptions } from "@/lib/labeling/adjudication/access";
import { loadItemLabels } from "@/lib/labeling/adjudication/labels";
import { goldAccuracy, type GoldAccuracyDto } from "./accuracy";
import type { TSetGoldBody } from "./schemas";

const BATCH = 500;
const parse = (text: string | null): unknown => (text == null ? null : JSON.parse(text));

export interface GoldItemDto {
  itemId: string;
  answers: Record<string, { value: unknown; origin: string }>;
}

/**
 * Marks an item as gold with its known answers (developers and admins): typed, or copied from
 * the newest valid expectation on the trace named like each of the session's questions (from
 * outside this session, so reviewers' own labels are never taken as the truth). Replaces the
 * item's earlier known answers. Reviewers are not told: the item stays an ordinary queue item.
 */
export async function setGoldAnswers(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TSetGoldBody,
): Promise<GoldItemDto> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const item = await db().labelingItem.findFirst({ where: { id: itemId, sessionId } });
  if (!item) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${sessionId}'`);
  let answers: Record<string, unknown>;
  let origin: "TYPED" | "EXPECTATION";
  if (body.fromExpectations) {
    origin = "EXPECTATION";
    const names = session.schemaDtos.map((s) => s.name);
    const rows = await db().assessment.findMany({
      where: {
        traceId: item.traceId,
        kind: "EXPECTATION",
        valid: true,
        name: { in: names },
        // `runId <> x` is not true for a NULL run id in SQL, hence both arms.
        OR: [{ runId: null }, { runId: { not: session.runId } }],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { name: true, value: true },
    });
    answers = Object.fromEntries(rows.map((r) => [r.name, parse(r.value)]));
    if (!Object.keys(answers).length)
      throw new ValidationError(
        `The trace has no expectation named like this session's questions (${names.join(", ")}); type the known answers instead.`,
        {
          issues: [
            {
              path: "body.fromExpectations",
              message: "the trace has no expectation for these questions: type the known answers instead",
            },
          ],
        },
      );
  } else {
    origin = "TYPED";
    answers = body.answers!;
    if (!Object.keys(answers).length)
      throw new ValidationError("Give the known answer to at least one question.", {
        issues: [{ path: "body.answers", message: "must answer at least one question" }],
      });
  }
  const checked = validateAnswers(
    session.definitions,
    Object.fromEntries(Object.entries(answers).map(([k, value]) => [k, { value }])),
  );
  if (!checked.ok) {
    throw new ValidationError(
      `Invalid known answers: ${checked.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
      {
        issues: checked.issues.map((i) => ({ path: `body.${i.path.replace(/\.value$/, "")}`, message: i.message })),
      },
    );
  }
  await db().$transaction(async (tx) => {
    await tx.labelingGoldAnswer.deleteMany({ where: { itemId } });
    await tx.labelingGoldAnswer.createMany({
      data: Object.entries(checked.answers).map(([schemaName, a]) => ({
        itemId,
        schemaName,
        value: JSON.stringify(a.value),
        origin,
      })),
    });
  });
  return getGoldItem(itemId);
}

async function getGoldItem(itemId: string): Promise<GoldItemDto> {
  const rows = await db().labelingGoldAnswer.findMany({ where: { itemId } });
  return {
    itemId,
    answers: Object.fromEntries(rows.map((r) => [r.schemaName, { value: parse(r.value), origin: r.origin }])),
  };
}

/** Makes a gold item an ordinary item again (developers and admins). */
export async function clearGoldAnswers(actor: Actor, sessionId: string, itemId: string): Promise<{ itemId: string }> {
  requireRole(actor, "DEVELOPER");
  await db().labelingGoldAnswer.deleteMany({ where: { itemId, item: { sessionId } } });
  return { itemId };
}

/** Names of the questions an item has a known answer to (empty for ordinary items). */
export async function goldQuestionsOf(itemId: string): Promise<string[]> {
  const rows = await db().labelingGoldAnswer.findMany({ where: { itemId }, select: { schemaName: true } });
  return rows.map((r) => r.schemaName);
}

/** Each reviewer's accuracy on the session's gold items, per question (developers and admins). */
export async function getGoldAccuracy(
  actor: Actor,
  sessionId: string,
): Promise<{ goldItems: number; accuracy: GoldAccuracyDto[] }> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const { numericTolerance } = await loadReviewOptions(sessionId);
  const gold = new Map<string, Record<string, unknown>>();
  const labels: Awaited<ReturnType<typeof loadItemLabels>> = [];
  for (let skip = 0; ; skip += BATCH) {
    const rows = await db().labelingGoldAnswer.findMany({
      where: { item: { sessionId } },
      orderBy: [{ itemId: "asc" }, { schemaName: "asc" }],
      skip,
      take: BATCH,
      include: { item: { select: { traceId: true } } },
    });
    const items = new Map<string, string>();
    for (const r of rows) {
      (gold.get(r.itemId) ?? gold.set(r.itemId, {}).get(r.itemId)!)[r.schemaName] = parse(r.value);
      items.set(r.itemId, r.item.traceId);
    }
    labels.push(
      ...(await loadItemLabels(
        { runId: session.runId, schemaNames: session.schemaDtos.map((s) => s.name) },
        [...items].map(([id, traceId]) => ({ id, traceId })),
      )),
    );
    if (rows.length < BATCH) break;
  }
  // An item cut across two batches is loaded twice: keep one label per reviewer and item.
  const unique = [...new Map(labels.map((l) => [`${l.itemId}\u0000${l.userId}`, l])).values()];
  return {
    goldItems: gold.size,
    accuracy: goldAccuracy(
      session.schemaDtos.map((s) => ({ name: s.name, input: s.input })),
      gold,
      unique,
      numericTolerance,
    ),
  };
}
