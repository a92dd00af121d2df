import "server-only";
/**
 * Pairwise comparison sessions (issue 13, item 3). A compare session is a labeling session (its
 * reviewers, its MLflow run, the Review App list) with a PairwiseSession row and its pairs: the
 * rows of two evaluation runs of one dataset matched by dataset record (else by identical
 * inputs). Each pair's left/right order is drawn at random once and stored, so what the reviewer
 * picked ("left") is turned into the right version on the server. A choice is an assessment on
 * each of the two traces (that trace's win, loss or tie) sharing a comparison id and naming the
 * other trace; results read them back (one source of truth).
 */
import { randomInt } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { cohenKappa } from "@/lib/assessments/agreement/cohen";
import { upsertUserAssessment } from "@/lib/assessments/internal";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { LABELING_SESSION_METADATA_KEY } from "@/lib/labeling/review/service";
import { loadSessionForReviewer } from "@/lib/labeling/sessions/access";
import { createLabelingSession } from "@/lib/labeling/sessions/service";
import {
  COMPARISON_ID_KEY,
  OTHER_TRACE_KEY,
  PAIRWISE_ASSESSMENT,
  VERSION_KEY,
  type CompareNextDto,
  type ComparePairDto,
  type PairwiseResultsDto,
  type PairwiseSessionDto,
  type TCreatePairwiseSessionBody,
  type TSubmitComparisonBody,
} from "./schemas";
import { winRates, type PairwiseChoice } from "./win-rates";

/** Most pairs one session holds. */
export const MAX_PAIRS = 2000;

const parse = (text: string | null): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** A stable text for a JSON value (keys sorted), to match rows by identical inputs. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

async function loadRun(experimentId: string, id: string, field: string) {
  const run = await db().evaluationRun.findUnique({
    where: { id },
    include: { datasetVersion: { select: { datasetId: true } } },
  });
  if (!run || run.experimentId !== experimentId)
    throw new ValidationError(`Evaluation run '${id}' is not a run of this experiment`, {
      issues: [{ path: `body.${field}`, message: "must be an evaluation run of the experiment" }],
    });
  return run;
}

/** Creates a compare session from two evaluation runs of the same dataset (Developer/Admin). */
export async function createPairwiseSession(
  actor: Actor,
  body: TCreatePairwiseSessionBody,
): Promise<PairwiseSessionDto> {
  requireRole(actor, "DEVELOPER");
  if (body.evaluationRunIdA === body.evaluationRunIdB)
    throw new ValidationError("Compare two different evaluation runs", {
      issues: [{ path: "body.evaluationRunIdB", message: "must differ from evaluationRunIdA" }],
    });
  const a = await loadRun(body.experimentId, body.evaluationRunIdA, "evaluationRunIdA");
  const b = await loadRun(body.experimentId, body.evaluationRunIdB, "evaluationRunIdB");
  const dsA = a.datasetVersion?.datasetId;
  if (!dsA || dsA !== b.datasetVersion?.datasetId)
    throw new ValidationError("The two evaluation runs must be runs of the same dataset", {
      issues: [{ path: "body.evaluationRunIdB", message: "must be a run of the same dataset as evaluationRunIdA" }],
    });
  const rows = (runId: string) =>
    db().evaluationRunRow.findMany({
      where: { evaluationRunId: runId, traceId: { not: null } },
      orderBy: { position: "asc" },
      select: { datasetRecordId: true, traceId: true, inputs: true },
    });
  const [rowsA, rowsB] = await Promise.all([rows(a.id), rows(b.id)]);
  // Match by dataset record, else by identical inputs; each row of B is used once.
  const keyOf = (r: { datasetRecordId: string | null; inputs: string }) =>
    r.datasetRecordId ? `record:${r.datasetRecordId}` : `inputs:${canonicalJson(parse(r.inputs))}`;
  const freeB = new Map<string, (typeof rowsB)[number][]>();
  for (const r of rowsB) freeB.set(keyOf(r), [...(freeB.get(keyOf(r)) ?? []), r]);
  const pairs: { a: (typeof rowsA)[number]; b: (typeof rowsB)[number] }[] = [];
  for (const r of rowsA) {
    const match = freeB.get(keyOf(r))?.shift();
    if (match && pairs.length < MAX_PAIRS) pairs.push({ a: r, b: match });
  }
  if (!pairs.length)
    throw new ValidationError("The two runs have no rows answering the same input, so there is nothing to compare", {
      issues: [{ path: "body.evaluationRunIdB", message: "has no row matching a row of evaluationRunIdA" }],
    });
  const session = await createLabelingSession(
    actor,
    {
      experimentId: body.experimentId,
      name: body.name,
      labelSchemas: [],
      assignedUsers: body.assignedUsers,
      labelsPerItem: 1,
      openToAllReviewers: body.openToAllReviewers,
    },
    {
      runTags: [{ key: "tracelight.labelingMode", value: "compare" }],
      // In the session's own transaction: a compare session never exists without its pairs.
      alsoWrite: async (tx, created) => {
        await tx.pairwiseSession.create({
          data: {
            sessionId: created.id,
            evaluationRunIdA: a.id,
            evaluationRunIdB: b.id,
            labelA: a.name,
            labelB: b.name,
          },
        });
        await tx.pairwisePair.createMany({
          data: pairs.map((p, position) => ({
            id: newId(),
            sessionId: created.id,
            position,
            inputs: p.a.inputs,
            traceIdA: p.a.traceId!,
            traceIdB: p.b.traceId!,
            // Drawn once and stored: the reviewer's "left" always means the same version.
            leftIsA: randomInt(2) === 0,
          })),
        });
        // The pairs' traces join the session's run, as every item's trace does.
        const traceIds = [...new Set(pairs.flatMap((p) => [p.a.traceId!, p.b.traceId!]))];
        await tx.traceRunLink.createMany({ data: traceIds.map((traceId) => ({ traceId, runId: created.runId })) });
      },
    },
  );
  return {
    sessionId: session.id,
    name: session.name,
    experimentId: body.experimentId,
    labelA: a.name,
    labelB: b.name,
    pairCount: pairs.length,
    unpaired: rowsA.length + rowsB.length - 2 * pairs.length,
  };
}

/** The compare side of a labeling session, or null when the session is an ordinary one. */
export async function pairwiseModeOf(sessionId: string): Promise<{ labelA: string; labelB: string } | null> {
  return db().pairwiseSession.findUnique({ where: { sessionId }, select: { labelA: true, labelB: true } });
}

async function loadCompare(actor: Actor, sessionId: string) {
  const session = await loadSessionForReviewer(actor, sessionId);
  const pw = await db().pairwiseSession.findUnique({ where: { sessionId } });
  if (!pw) throw new NotFoundError(`Labeling session '${sessionId}' is not a comparison session`);
  return { session, pw };
}

type PairRow = Awaited<ReturnType<ReturnType<typeof db>["pairwisePair"]["findMany"]>>[number];

/** The reviewer's own choice on each pair, read from their assessments on the A traces. */
async function myChoices(runId: string, userId: string, pairs: PairRow[]) {
  const rows = pairs.length
    ? await db().assessment.findMany({
        where: {
          traceId: { in: pairs.map((p) => p.traceIdA) },
          name: PAIRWISE_ASSESSMENT,
          createdById: userId,
          runId,
          valid: true,
        },
        select: { metadata: true, value: true, rationale: true },
      })
    : [];
  const out = new Map<string, { choice: PairwiseChoice; rationale: string | null }>();
  for (const r of rows) {
    const id = (parse(r.metadata) as Record<string, string>)[COMPARISON_ID_KEY];
    const v = parse(r.value);
    if (id) out.set(id, { choice: v === "win" ? "A" : v === "loss" ? "B" : "tie", rationale: r.rationale });
  }
  return out;
}

const toSide = (choice: PairwiseChoice, leftIsA: boolean): "left" | "right" | "tie" =>
  choice === "tie" ? "tie" : (choice === "A") === leftIsA ? "left" : "right";

async function toPairDto(pair: PairRow, mine: { choice: PairwiseChoice; rationale: string | null } | undefined) {
  const rows = await db().span.findMany({
    where: { traceId: { in: [pair.traceIdA, pair.traceIdB] }, parentSpanId: null },
    select: { traceId: true, outputs: true },
  });
  const output = (traceId: string) => {
    const o = parse(rows.find((r) => r.traceId === traceId)?.outputs ?? null);
    return o && typeof o === "object" && "output" in (o as object) ? (o as { output: unknown }).output : o;
  };
  const a = { traceId: pair.traceIdA, output: output(pair.traceIdA) };
  const b = { traceId: pair.traceIdB, output: output(pair.traceIdB) };
  const dto: ComparePairDto = {
    pairId: pair.id,
    position: pair.position,
    inputs: parse(pair.inputs),
    left: pair.leftIsA ? a : b,
    right: pair.leftIsA ? b : a,
    mine: mine ? { choice: toSide(mine.choice, pair.leftIsA), rationale: mine.rationale } : null,
  };
  return dto;
}

/** The reviewer's next pair without a choice of theirs (or a given pair), and their progress. */
export async function getNextComparison(actor: Actor, sessionId: string, pairId?: string): Promise<CompareNextDto> {
  const { session } = await loadCompare(actor, sessionId);
  const pairs = await db().pairwisePair.findMany({
    where: { sessionId },
    orderBy: { position: "asc" },
    take: MAX_PAIRS,
  });
  const mine = await myChoices(session.runId, actor.userId, pairs);
  const pick = pairId ? pairs.find((p) => p.id === pairId) : pairs.find((p) => !mine.has(p.id));
  if (pairId && !pick) throw new NotFoundError(`Pair '${pairId}' is not in this session`);
  return {
    sessionId,
    sessionName: session.name,
    pair: pick ? await toPairDto(pick, mine.get(pick.id)) : null,
    progress: { done: mine.size, total: pairs.length },
  };
}

/**
 * Stores the reviewer's choice on a pair: on each trace an assessment `pairwise_preference`
 * ("win" | "loss" | "tie" for that trace), with the rationale, the comparison id, the other trace
 * and the version; choosing again changes the reviewer's own assessments.
 */
export async function submitComparison(
  actor: Actor,
  sessionId: string,
  pairId: string,
  body: TSubmitComparisonBody,
): Promise<CompareNextDto> {
  const { session } = await loadCompare(actor, sessionId);
  const pair = await db().pairwisePair.findFirst({ where: { id: pairId, sessionId } });
  if (!pair) throw new NotFoundError(`Pair '${pairId}' is not in this session`);
  const choice: PairwiseChoice = body.choice === "tie" ? "tie" : (body.choice === "left") === pair.leftIsA ? "A" : "B";
  const outcome = (side: "A" | "B") => (choice === "tie" ? "tie" : choice === side ? "win" : "loss");
  await db().$transaction(async (tx) => {
    for (const side of ["A", "B"] as const) {
      const traceId = side === "A" ? pair.traceIdA : pair.traceIdB;
      await upsertUserAssessment(tx, {
        traceId,
        name: PAIRWISE_ASSESSMENT,
        kind: "FEEDBACK",
        value: outcome(side),
        rationale: body.rationale?.trim() || null,
        source: { sourceType: "HUMAN", sourceId: actor.email },
        runId: session.runId,
        createdById: actor.userId,
        metadata: {
          [LABELING_SESSION_METADATA_KEY]: session.id,
          [COMPARISON_ID_KEY]: pair.id,
          [OTHER_TRACE_KEY]: side === "A" ? pair.traceIdB : pair.traceIdA,
          [VERSION_KEY]: side,
        },
      });
    }
  });
  return getNextComparison(actor, sessionId);
}

/**
 * Win rates per version (95% Wilson intervals, ties half a win) over every reviewer's choices,
 * and Cohen's κ between the first two reviewers on the pairs both compared (Developer/Admin).
 */
export async function getPairwiseResults(actor: Actor, sessionId: string): Promise<PairwiseResultsDto> {
  requireRole(actor, "DEVELOPER");
  const { session, pw } = await loadCompare(actor, sessionId);
  const pairs = await db().pairwisePair.findMany({ where: { sessionId }, select: { id: true, traceIdA: true } });
  const rows = pairs.length
    ? await db().assessment.findMany({
        where: {
          traceId: { in: pairs.map((p) => p.traceIdA) },
          name: PAIRWISE_ASSESSMENT,
          runId: session.runId,
          valid: true,
        },
        select: { metadata: true, value: true, sourceId: true },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const byPair = new Map<string, Map<string, PairwiseChoice>>();
  for (const r of rows) {
    const id = (parse(r.metadata) as Record<string, string>)[COMPARISON_ID_KEY];
    if (!id) continue;
    const v = parse(r.value);
    const c: PairwiseChoice = v === "win" ? "A" : v === "loss" ? "B" : "tie";
    if (!byPair.has(id)) byPair.set(id, new Map());
    byPair.get(id)!.set(r.sourceId, c);
  }
  const choices = [...byPair.values()].flatMap((m) => [...m.values()]);
  const counts = new Map<string, number>();
  for (const m of byPair.values()) for (const who of m.keys()) counts.set(who, (counts.get(who) ?? 0) + 1);
  const reviewers = [...counts].map(([email, compared]) => ({ email, compared }));
  let agreement: PairwiseResultsDto["agreement"] = null;
  if (reviewers.length >= 2) {
    const raters: [string, string] = [reviewers[0].email, reviewers[1].email];
    const items = [...byPair].map(([itemId, m]) => ({
      itemId,
      ratings: raters.map((raterId) => ({ raterId, value: m.get(raterId) })),
    }));
    const k = cohenKappa(items, raters);
    if (k.itemCount > 0)
      agreement = {
        raters,
        pairs: k.itemCount,
        observedAgreement: k.observedAgreement,
        kappa: Number.isFinite(k.kappa) ? k.kappa : null,
      };
  }
  return {
    sessionId,
    labelA: pw.labelA,
    labelB: pw.labelB,
    pairCount: pairs.length,
    winRates: winRates(choices, { A: pw.labelA, B: pw.labelB }),
    agreement,
    reviewers,
  };
}
