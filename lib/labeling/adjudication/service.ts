import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { recordAuditEvent } from "@/lib/audit/service";
import { ADJUDICATED_METADATA_KEY, RESOLVES_METADATA_KEY } from "@/lib/assessments/schemas";
import { writeAssessment } from "@/lib/assessments/internal";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { validateAnswers } from "@/lib/labeling/label-input";
import { loadSession, type LoadedSession } from "@/lib/labeling/sessions/access";
import { resolveUsers } from "@/lib/labeling/sessions/service";
import { agreementBeforeAfter, disagreedQuestions } from "./compare";
import { loadReviewOptions, loadSessionForAdjudicator } from "./access";
import { isAdjudicated, loadAdjudicatedAnswers, loadItemLabels } from "./labels";
import type { TAdjudicationListQuery, TResolveAdjudicationBody, TUpdateAdjudicationBody } from "./schemas";
import type {
  AdjudicationDetailDto,
  AdjudicationItemDto,
  AdjudicationSettingsDto,
  AdjudicationSummaryDto,
} from "./types";

/** Metadata key on the assessments a session produces (kept equal to lib/labeling/review/service.ts). */
const SESSION_METADATA_KEY = "tracelight.labelingSessionId";
const SCAN_BATCH = 500;

const questionsOf = (s: LoadedSession) => s.schemaDtos.map((d) => ({ name: d.name, input: d.input }));
const labelSource = (s: LoadedSession) => ({ runId: s.runId, schemaNames: s.schemaDtos.map((d) => d.name) });

async function settingsDto(sessionId: string): Promise<AdjudicationSettingsDto> {
  const [session, options, adjudicators, open, resolved] = await Promise.all([
    db().labelingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { name: true } }),
    loadReviewOptions(sessionId),
    db().labelingAdjudicator.findMany({
      where: { sessionId },
      include: { user: { select: { id: true, email: true, name: true } } },
    }),
    db().labelingAdjudication.count({ where: { sessionId, status: "OPEN" } }),
    db().labelingAdjudication.count({ where: { sessionId, status: "RESOLVED" } }),
  ]);
  return {
    sessionName: session.name,
    enabled: options.adjudicationEnabled,
    numericTolerance: options.numericTolerance,
    adjudicators: adjudicators.map((a) => a.user).sort((a, b) => a.email.localeCompare(b.email)),
    open,
    resolved,
  };
}

/** The session's adjudication option, adjudicators and queue sizes (developers, admins and its adjudicators). */
export async function getAdjudicationSettings(actor: Actor, sessionId: string): Promise<AdjudicationSettingsDto> {
  await loadSessionForAdjudicator(actor, sessionId);
  return settingsDto(sessionId);
}

/**
 * Turns adjudication on or off, sets the numeric tolerance and the adjudicators (developers and
 * admins). Turning it on (or changing the tolerance) re-checks the items already fully labeled.
 */
export async function updateAdjudicationSettings(
  actor: Actor,
  sessionId: string,
  body: TUpdateAdjudicationBody,
): Promise<AdjudicationSettingsDto> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  let userIds: string[] | undefined;
  try {
    userIds = body.adjudicators ? await resolveUsers(body.adjudicators) : undefined;
  } catch (err) {
    // resolveUsers names the reviewers' field; this form's field is `adjudicators`.
    if (err instanceof ValidationError)
      throw new ValidationError(err.message.replace("user(s)", "adjudicator(s)"), {
        issues: [
          {
            path: "body.adjudicators",
            message: `${err.message.replace(/^Unknown or disabled user\(s\): /, "")}: not an active user; pick people who have an account`,
          },
        ],
      });
    throw err;
  }
  await db().$transaction(async (tx) => {
    await tx.labelingReviewOptions.upsert({
      where: { sessionId },
      create: {
        sessionId,
        adjudicationEnabled: body.enabled ?? false,
        numericTolerance: body.numericTolerance ?? 0,
      },
      update: {
        ...(body.enabled !== undefined ? { adjudicationEnabled: body.enabled } : {}),
        ...(body.numericTolerance !== undefined ? { numericTolerance: body.numericTolerance } : {}),
      },
    });
    if (userIds) {
      await tx.labelingAdjudicator.deleteMany({ where: { sessionId } });
      if (userIds.length)
        await tx.labelingAdjudicator.createMany({ data: userIds.map((userId) => ({ sessionId, userId })) });
    }
  });
  await recordAuditEvent({
    actor,
    action: "labeling_session.adjudication_updated",
    target: { type: "labeling_session", id: sessionId },
    details: { ...body },
  });
  if (body.enabled !== undefined || body.numericTolerance !== undefined) await rescanSession(session);
  return settingsDto(sessionId);
}

/** Re-checks every fully labeled item of a session, in batches (after the option or tolerance changed). */
async function rescanSession(session: LoadedSession): Promise<void> {
  for (let skip = 0; ; skip += SCAN_BATCH) {
    const items = await db().labelingItem.findMany({
      where: { sessionId: session.id },
      orderBy: { position: "asc" },
      skip,
      take: SCAN_BATCH,
      select: { id: true, traceId: true },
    });
    await checkItems(session, items);
    if (items.length < SCAN_BATCH) return;
  }
}

/**
 * Called after a reviewer submits: once the item has its required labels, an item whose
 * reviewers disagree goes to the adjudicators (OPEN); one they now agree on leaves the open queue.
 * Settled items stay settled. Does nothing while the session's adjudication is off.
 */
export async function checkItemForAdjudication(sessionId: string, itemId: string): Promise<void> {
  const options = await loadReviewOptions(sessionId);
  if (!options.adjudicationEnabled) return;
  const session = await loadSession(sessionId);
  const item = await db().labelingItem.findUnique({ where: { id: itemId }, select: { id: true, traceId: true } });
  if (item) await checkItems(session, [item], options.numericTolerance);
}

async function checkItems(
  session: LoadedSession,
  items: { id: string; traceId: string }[],
  tolerance?: number,
): Promise<void> {
  if (!items.length) return;
  const options = await loadReviewOptions(session.id);
  if (!options.adjudicationEnabled) {
    await db().labelingAdjudication.deleteMany({
      where: { itemId: { in: items.map((i) => i.id) }, status: "OPEN" },
    });
    return;
  }
  const completed = await db().labelingClaim.groupBy({
    by: ["itemId"],
    where: { itemId: { in: items.map((i) => i.id) }, status: "COMPLETED" },
    _count: { _all: true },
  });
  const full = new Set(completed.filter((c) => c._count._all >= session.labelsPerItem).map((c) => c.itemId));
  const labels = await loadItemLabels(
    labelSource(session),
    items.filter((i) => full.has(i.id)),
  );
  const existing = new Map(
    (
      await db().labelingAdjudication.findMany({
        where: { itemId: { in: items.map((i) => i.id) } },
        select: { itemId: true, status: true },
      })
    ).map((a) => [a.itemId, a.status]),
  );
  for (const item of items) {
    if (existing.get(item.id) === "RESOLVED") continue;
    const disagreed = full.has(item.id)
      ? disagreedQuestions(
          questionsOf(session),
          labels.filter((l) => l.itemId === item.id),
          tolerance ?? options.numericTolerance,
        )
      : [];
    if (disagreed.length) {
      await db().labelingAdjudication.upsert({
        where: { itemId: item.id },
        create: { itemId: item.id, sessionId: session.id, status: "OPEN", questions: JSON.stringify(disagreed) },
        update: { questions: JSON.stringify(disagreed) },
      });
    } else if (existing.has(item.id)) {
      await db().labelingAdjudication.delete({ where: { itemId: item.id } });
    }
  }
}

async function itemDto(
  session: LoadedSession,
  row: Prisma.LabelingAdjudicationGetPayload<{ include: { item: true } }>,
  labels: Awaited<ReturnType<typeof loadItemLabels>>,
  adjudicated: Awaited<ReturnType<typeof loadAdjudicatedAnswers>>,
): Promise<AdjudicationItemDto> {
  const by = row.resolvedById
    ? await db().user.findUnique({ where: { id: row.resolvedById }, select: { email: true } })
    : null;
  return {
    itemId: row.itemId,
    traceId: row.item.traceId,
    position: row.item.position,
    status: row.status as AdjudicationItemDto["status"],
    questions: JSON.parse(row.questions) as string[],
    labels: labels
      .filter((l) => l.itemId === row.itemId)
      .map((l) => ({ userId: l.userId, email: l.email, answers: l.answers })),
    resolution:
      row.status === "RESOLVED"
        ? {
            answers: adjudicated.get(row.item.traceId) ?? {},
            resolvedBy: by?.email ?? null,
            resolvedAt: row.resolvedAt?.getTime() ?? null,
          }
        : null,
  };
}

/** The adjudication queue: open (or settled) items with every reviewer's labels side by side, oldest first. */
export async function listAdjudicationItems(
  actor: Actor,
  sessionId: string,
  query: TAdjudicationListQuery,
): Promise<{ items: AdjudicationItemDto[]; nextPageToken?: string }> {
  const session = await loadSessionForAdjudicator(actor, sessionId);
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 50;
  const rows = await db().labelingAdjudication.findMany({
    where: { sessionId, status: query.status },
    orderBy: [{ createdAt: "asc" }, { itemId: "asc" }],
    skip,
    take,
    include: { item: true },
  });
  const items = rows.map((r) => ({ id: r.itemId, traceId: r.item.traceId }));
  const [labels, adjudicated] = await Promise.all([
    loadItemLabels(labelSource(session), items),
    loadAdjudicatedAnswers(
      session.runId,
      items.map((i) => i.traceId),
    ),
  ]);
  return {
    items: await Promise.all(rows.map((r) => itemDto(session, r, labels, adjudicated))),
    nextPageToken: nextPageToken(skip, take, rows.length),
  };
}

/**
 * One item to adjudicate with the session's questions (the review folder adds the trace: see
 * lib/labeling/review/adjudication.ts).
 */
export async function getAdjudicationItem(
  actor: Actor,
  sessionId: string,
  itemId: string,
): Promise<Omit<AdjudicationDetailDto, "trace"> & { sessionRunId: string }> {
  const session = await loadSessionForAdjudicator(actor, sessionId);
  const row = await db().labelingAdjudication.findFirst({ where: { itemId, sessionId }, include: { item: true } });
  if (!row) throw new NotFoundError(`Item '${itemId}' has no disagreement to settle in this session`);
  const items = [{ id: row.itemId, traceId: row.item.traceId }];
  const [labels, adjudicated] = await Promise.all([
    loadItemLabels(labelSource(session), items),
    loadAdjudicatedAnswers(session.runId, [row.item.traceId]),
  ]);
  return {
    item: await itemDto(session, row, labels, adjudicated),
    schemas: session.schemaDtos,
    sessionRunId: session.runId,
  };
}

/**
 * Sets the final answers of an item under adjudication. Each becomes a HUMAN assessment on the
 * trace, marked `tracelight.adjudicated: "true"` and listing in `tracelight.resolves` the
 * reviewers' assessments it settles; settling again updates those assessments. Every question
 * the reviewers disagreed on needs an answer. All writes commit together.
 */
export async function resolveAdjudication(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TResolveAdjudicationBody,
): Promise<{ itemId: string; status: "RESOLVED"; assessmentIds: string[] }> {
  const session = await loadSessionForAdjudicator(actor, sessionId);
  const row = await db().labelingAdjudication.findFirst({ where: { itemId, sessionId }, include: { item: true } });
  if (!row) throw new NotFoundError(`Item '${itemId}' has no disagreement to settle in this session`);
  const questions = JSON.parse(row.questions) as string[];
  const missing = questions.filter((q) => body.answers[q] === undefined);
  if (missing.length) {
    throw new ValidationError(
      `Give the final answer to every question the reviewers disagreed on: ${missing.join(", ")}`,
      {
        issues: missing.map((q) => ({ path: `body.answers.${q}`, message: "needs the final answer" })),
      },
    );
  }
  const result = validateAnswers(session.definitions, body.answers);
  if (!result.ok) {
    throw new ValidationError(`Invalid answers: ${result.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, {
      issues: result.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
    });
  }
  const labels = await loadItemLabels(labelSource(session), [{ id: row.itemId, traceId: row.item.traceId }]);
  const byName = new Map(session.schemaDtos.map((s) => [s.name, s]));
  const ids = await db().$transaction(async (tx) => {
    const ids: string[] = [];
    for (const [name, answer] of Object.entries(result.answers)) {
      const schema = byName.get(name)!;
      const resolves = labels.map((l) => l.answers[name]?.assessmentId).filter((id): id is string => !!id);
      const metadata = {
        [SESSION_METADATA_KEY]: session.id,
        [ADJUDICATED_METADATA_KEY]: "true",
        [RESOLVES_METADATA_KEY]: resolves.join(","),
      };
      const earlier = (
        await tx.assessment.findMany({
          where: { traceId: row.item.traceId, name, runId: session.runId, valid: true },
          select: { id: true, metadata: true },
        })
      ).find((a) => isAdjudicated(a.metadata));
      if (earlier) {
        await tx.assessment.update({
          where: { id: earlier.id },
          data: {
            value: JSON.stringify(answer.value),
            rationale: answer.comment ?? null,
            sourceId: actor.email,
            createdById: actor.userId,
            metadata: JSON.stringify({ ...(JSON.parse(earlier.metadata) as object), ...metadata }),
          },
        });
        ids.push(earlier.id);
      } else {
        const written = await writeAssessment(tx, {
          traceId: row.item.traceId,
          name,
          kind: schema.type === "feedback" ? "FEEDBACK" : "EXPECTATION",
          value: answer.value,
          rationale: answer.comment ?? null,
          source: { sourceType: "HUMAN", sourceId: actor.email },
          runId: session.runId,
          createdById: actor.userId,
          metadata,
        });
        ids.push(written.assessmentId);
      }
    }
    const updated = await tx.labelingAdjudication.updateMany({
      where: { itemId, sessionId },
      data: { status: "RESOLVED", resolvedById: actor.userId, resolvedAt: new Date() },
    });
    if (!updated.count) throw new ConflictError("The item left the adjudication queue meanwhile; reload it.");
    return ids;
  });
  return { itemId, status: "RESOLVED", assessmentIds: ids };
}

/** Agreement per question (percent, κ, α) before and after adjudication, and the queue's sizes (developers and admins). */
export async function getAdjudicationSummary(actor: Actor, sessionId: string): Promise<AdjudicationSummaryDto> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const options = await loadReviewOptions(sessionId);
  const perItem = new Map<
    string,
    { itemId: string; labels: { raterId: string; answers: Record<string, { value: unknown }> }[] }
  >();
  const settled = new Map<string, Record<string, unknown>>();
  for (let skip = 0; ; skip += SCAN_BATCH) {
    const items = await db().labelingItem.findMany({
      where: { sessionId },
      orderBy: { position: "asc" },
      skip,
      take: SCAN_BATCH,
      select: { id: true, traceId: true },
    });
    const [labels, adjudicated] = await Promise.all([
      loadItemLabels(labelSource(session), items),
      loadAdjudicatedAnswers(
        session.runId,
        items.map((i) => i.traceId),
      ),
    ]);
    for (const l of labels) {
      const entry = perItem.get(l.itemId) ?? { itemId: l.itemId, labels: [] };
      entry.labels.push({ raterId: l.userId, answers: l.answers });
      perItem.set(l.itemId, entry);
    }
    for (const i of items) {
      const answers = adjudicated.get(i.traceId);
      if (answers) settled.set(i.id, Object.fromEntries(Object.entries(answers).map(([q, a]) => [q, a.value])));
    }
    if (items.length < SCAN_BATCH) break;
  }
  return {
    ...(await settingsDto(sessionId)),
    agreement: agreementBeforeAfter(questionsOf(session), [...perItem.values()], settled, options.numericTolerance),
  };
}
