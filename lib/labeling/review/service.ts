import "server-only";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { validateAnswers } from "@/lib/labeling/label-input";
import { answerKey, loadSubmittedAnswers } from "@/lib/labeling/results/answers";
import {
  claimNext,
  claimRequest,
  claimWork,
  releaseExpiredClaimsIfDue,
  type ClaimedItem,
  type ClaimOptions,
} from "@/lib/labeling/review/claims";
import { driverReads, inDriverTransaction, type Row } from "@/lib/db/driver";
import { submission } from "@/lib/labeling/review/submit";
import { queueChanged } from "@/lib/labeling/session-cache/queue-start";
import { loadReviewTrace, reviewTraceReads, toReviewTrace } from "@/lib/labeling/review/trace";
import { loadSessionForReviewer, type LoadedSession } from "@/lib/labeling/sessions/access";
import type { TSaveDraftBody, TSubmitLabelsBody } from "@/lib/labeling/schemas";
import { TRACE_SESSION_METADATA_KEY } from "@/lib/assessments/schemas";
import { checkItemForAdjudication } from "@/lib/labeling/adjudication/service";
import { conversationTurnIds } from "@/lib/labeling/conversations/service";
import type { MyProgressDto, ReviewItemDto, NextItemDto } from "@/lib/labeling/types";
export type { MyProgressDto, ReviewItemDto, NextItemDto } from "@/lib/labeling/types";

/** Metadata key on the assessments a session produces, besides the run id. */
export const LABELING_SESSION_METADATA_KEY = "tracelight.labelingSessionId";

const json = <T>(text: string | null): T | null => (text == null ? null : (JSON.parse(text) as T));

/**
 * A reviewer's progress in a session as three count columns (total, completed, skipped), shared by
 * the item read (buildItem) and the empty queue's answer (myProgress). `session` is SQL for the
 * session id (a column, or a parameter), `user` the user id's parameter; both are asked for
 * each use, in order, since SQLite's parameters are positional.
 */
function progressColumns(session: () => string, user: () => string): string {
  const claims = (
    status: string,
  ) => `(SELECT COUNT(*) FROM "LabelingClaim" m JOIN "LabelingItem" x ON x."id" = m."itemId"
      WHERE m."userId" = ${user()} AND x."sessionId" = ${session()} AND m."status" = '${status}') AS "${status.toLowerCase()}"`;
  return `(SELECT COUNT(*) FROM "LabelingItem" x WHERE x."sessionId" = ${session()}) AS "total",
    ${claims("COMPLETED")}, ${claims("SKIPPED")}`;
}

/** The columns of progressColumns as the DTO (PostgreSQL's COUNT is a bigint, which pg hands over as text). */
const toProgress = (row: Row): MyProgressDto => ({
  totalItems: Number(row.total),
  completed: Number(row.completed),
  skipped: Number(row.skipped),
});

async function myProgress(sessionId: string, userId: string): Promise<MyProgressDto> {
  // One statement through the driver (lib/db/driver.ts): every reviewer's last Submit, which
  // finds the queue empty, ends here.
  const [[row]] = await driverReads(({ p }) => {
    const values: string[] = [];
    const param = (v: string) => () => p(values.push(v));
    return [{ name: "review_progress", text: `SELECT ${progressColumns(param(sessionId), param(userId))}`, values }];
  });
  return toProgress(row!);
}

/** A conversation's turns, each as the review screen reads a trace. */
async function loadConversationTurns(
  experimentId: string,
  conversationId: string,
  actor: Actor,
  opts: { sessionRunId: string; revealSession: boolean },
) {
  const { traceIds, truncated } = await conversationTurnIds(experimentId, conversationId);
  return { turns: await Promise.all(traceIds.map((id) => loadReviewTrace(id, actor, opts))), truncated };
}

async function buildItem(
  actor: Actor,
  session: LoadedSession,
  itemId: string,
  claimed?: ClaimedItem,
): Promise<ReviewItemDto> {
  // The item, its conversation, my claim and my progress in one statement, the gold questions in
  // another, through the driver (lib/db/driver.ts: no per-query Prisma runtime on the path every
  // Next takes). An item just claimed by this reviewer (Next) is IN_PROGRESS, which is all the
  // trace's reads depend on: they go with the item's, one round trip on PostgreSQL.
  const [[row], goldRows, ...traceRows] = await driverReads((d) => {
    const values: string[] = [];
    const param = (v: string) => d.p(values.push(v));
    const progress = progressColumns(
      () => `i."sessionId"`,
      () => param(actor.userId),
    );
    const text = `SELECT i."traceId", i."position", ci."conversationId", c."status", c."draft", ${progress}
        FROM "LabelingItem" i
        LEFT JOIN "LabelingConversationItem" ci ON ci."itemId" = i."id"
        LEFT JOIN "LabelingClaim" c ON c."itemId" = i."id" AND c."userId" = ${param(actor.userId)}
        WHERE i."id" = ${param(itemId)} AND i."sessionId" = ${param(session.id)}`;
    return [
      { name: "review_item", text, values },
      {
        name: "review_item_gold",
        text: `SELECT "schemaName" FROM "LabelingGoldAnswer" WHERE "itemId" = ${d.p(1)}`,
        values: [itemId],
      },
      ...(claimed ? reviewTraceReads(d, claimed.traceId) : []),
    ];
  });
  if (!row) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${session.id}'`);
  const item = { id: itemId, traceId: String(row.traceId), position: Number(row.position) };
  const conversationId = row.conversationId == null ? null : String(row.conversationId);
  const claim = row.status == null ? null : { status: String(row.status), draft: row.draft as string | null };
  const progress = toProgress(row);
  const gold = goldRows.map((g) => String(g.schemaName));
  // A submitted item shows the reviewer's current assessments (edits in the trace view included).
  const submitted =
    claim?.status === "COMPLETED"
      ? ((
          await loadSubmittedAnswers({ runId: session.runId, schemaNames: session.schemaDtos.map((s) => s.name) }, [
            { traceId: item.traceId, userId: actor.userId },
          ])
        ).get(answerKey(item.traceId, actor.userId)) ?? {})
      : null;
  const traceOpts = {
    sessionRunId: session.runId,
    // The session's own labels by others: only once this reviewer has submitted, if the session says so.
    revealSession: session.revealLabelsAfterSubmit && claim?.status === "COMPLETED",
  };
  const [trace, conversation] = await Promise.all([
    claimed
      ? toReviewTrace(claimed.traceId, traceRows, actor, traceOpts)
      : loadReviewTrace(item.traceId, actor, traceOpts),
    conversationId ? loadConversationTurns(session.experimentId, conversationId, actor, traceOpts) : null,
  ]);
  // A gold item looks like any other: the expectation its known answer came from stays hidden.
  const hide = (t: typeof trace) => ({
    ...t,
    assessments: t.assessments.filter((a) => !(a.kind === "EXPECTATION" && gold.includes(a.name))),
  });
  return {
    session: {
      id: session.id,
      name: session.name,
      labelsPerItem: session.labelsPerItem,
      instructions: session.instructions,
    },
    itemId: item.id,
    traceId: item.traceId,
    position: item.position,
    claim: claim ? { status: claim.status, draft: json(claim.draft), answers: submitted } : null,
    schemas: session.schemaDtos,
    trace: hide(trace),
    conversation: conversation
      ? { conversationId: conversationId!, turns: conversation.turns.map(hide), truncated: conversation.truncated }
      : null,
    progress,
  };
}

/**
 * Claims the reviewer's next item in the session (see lib/labeling/review/claims.ts for the rules)
 * and returns it ready to label; `item` is null when nothing is left for this reviewer.
 */
export async function claimNextItem(actor: Actor, sessionId: string, opts: ClaimOptions = {}): Promise<NextItemDto> {
  const session = await loadSessionForReviewer(actor, sessionId);
  return nextItemDto(actor, session, await claimNext(session.id, actor.userId, session.labelsPerItem, opts));
}

async function nextItemDto(actor: Actor, session: LoadedSession, claimed: ClaimedItem | null): Promise<NextItemDto> {
  if (!claimed) return { item: null, progress: await myProgress(session.id, actor.userId) };
  const item = await buildItem(actor, session, claimed.itemId, claimed);
  return { item, progress: item.progress };
}

/** One item of a session the reviewer may see (used by Back and by shared item links). */
export async function getReviewItem(actor: Actor, sessionId: string, itemId: string): Promise<ReviewItemDto> {
  return buildItem(actor, await loadSessionForReviewer(actor, sessionId), itemId);
}

/** The item the reviewer finished (or skipped) before `beforeItemId`, or their latest one. */
export async function getPreviousItemId(
  actor: Actor,
  sessionId: string,
  beforeItemId?: string,
): Promise<{ itemId: string | null }> {
  await loadSessionForReviewer(actor, sessionId);
  const base = { userId: actor.userId, status: { in: ["COMPLETED", "SKIPPED"] }, item: { sessionId } };
  let before: Date | undefined;
  if (beforeItemId) {
    const ref = await db().labelingClaim.findUnique({
      where: { itemId_userId: { itemId: beforeItemId, userId: actor.userId } },
    });
    if (ref && ref.status !== "IN_PROGRESS") before = ref.completedAt ?? ref.claimedAt;
  }
  const prev = await db().labelingClaim.findFirst({
    where: { ...base, ...(before ? { completedAt: { lt: before } } : {}) },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: { itemId: true },
  });
  return { itemId: prev?.itemId ?? null };
}

/** Stores unsent answers on the reviewer's claim so a reload (or another device) gets them back. */
export async function saveDraft(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TSaveDraftBody,
): Promise<{ saved: true }> {
  await loadSessionForReviewer(actor, sessionId);
  const claim = await db().labelingClaim.findFirst({ where: { itemId, userId: actor.userId, item: { sessionId } } });
  if (!claim)
    throw new ConflictError(
      "This item is not claimed by you any more (the claim expired); open the session again to continue.",
    );
  await db().labelingClaim.update({ where: { id: claim.id }, data: { draft: JSON.stringify(body.answers) } });
  return { saved: true };
}

/**
 * Submits a reviewer's answers for an item. Each answer becomes an assessment on the trace
 * (feedback or expectation by the schema's type, named after the schema, source HUMAN with the
 * reviewer's email, the comment as rationale, the session's run id), written as
 * `upsertUserAssessment` does so a resubmission changes this reviewer's own assessment only. All
 * answers and the claim update commit together (./submit.ts). Answers are validated as the schemas say
 * (400 naming `answers.<schema>`); an item whose slots were taken meanwhile is a 409. With
 * `next: true` the answer also carries the reviewer's next item, as claimNextItem returns it.
 */
export async function submitLabels(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TSubmitLabelsBody,
): Promise<{ itemId: string; status: "COMPLETED"; assessmentIds: string[]; next?: NextItemDto }> {
  const session = await loadSessionForReviewer(actor, sessionId);
  if (Object.keys(body.answers).length === 0) {
    throw new ValidationError("Answer at least one question before submitting (or skip the item).", {
      issues: [{ path: "body.answers", message: "must answer at least one question" }],
    });
  }
  const result = validateAnswers(session.definitions, body.answers);
  if (!result.ok) {
    throw new ValidationError(`Invalid answers: ${result.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, {
      issues: result.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
    });
  }
  const byName = new Map(session.schemaDtos.map((s) => [s.name, s]));
  // One short transaction through the driver (./submit.ts: the item, the claim, the answers as
  // assessments, with the locking rules of claims.ts). A conversation's answers are
  // session-level assessments: MLflow keeps them on the first trace (the item's trace) with the
  // conversation id in metadata. With `next: true` (the Review App) the reviewer's next item is
  // claimed in the same transaction (claimWork): on PostgreSQL that saves a BEGIN, a COMMIT and a
  // connection checkout on every Submit.
  const now = new Date();
  if (body.next) await releaseExpiredClaimsIfDue(session.id);
  const request = body.next ? claimRequest(session.id, actor.userId, session.labelsPerItem, now) : null;
  const { submitted, next } = await inDriverTransaction(function* (d) {
    const submitted = yield* submission(d, {
      sessionId: session.id,
      itemId,
      labelsPerItem: session.labelsPerItem,
      runId: session.runId,
      user: { id: actor.userId, email: actor.email },
      answers: Object.entries(result.answers).map(([name, answer]) => ({
        name,
        kind: byName.get(name)!.type === "feedback" ? "FEEDBACK" : "EXPECTATION",
        value: answer.value,
        rationale: answer.comment ?? null,
      })),
      metadata: (conversationId) => ({
        [LABELING_SESSION_METADATA_KEY]: session.id,
        ...(conversationId ? { [TRACE_SESSION_METADATA_KEY]: conversationId } : {}),
      }),
    });
    return { submitted, next: request ? yield* claimWork(d, request) : undefined };
  });
  // Once the item has its labels, a disagreement goes to the session's adjudicators (when enabled).
  if (submitted.adjudicationEnabled) await checkItemForAdjudication(sessionId, itemId);
  const answer = { itemId, status: "COMPLETED" as const, assessmentIds: submitted.assessmentIds };
  if (next === undefined) return answer;
  // PostgreSQL found no item it could claim at once (claimWork): claimNext looks again.
  const nextClaimed =
    typeof next === "object"
      ? next
      : await claimNext(session.id, actor.userId, session.labelsPerItem, { justMissed: true });
  return { ...answer, next: await nextItemDto(actor, session, nextClaimed) };
}

/**
 * Passes over an item: the reviewer will not be offered it again, and it does not count towards
 * the item's quota, so someone else can take it. A submitted item stays submitted.
 */
export async function skipItem(
  actor: Actor,
  sessionId: string,
  itemId: string,
): Promise<{ itemId: string; status: string }> {
  await loadSessionForReviewer(actor, sessionId);
  const item = await db().labelingItem.findFirst({ where: { id: itemId, sessionId }, select: { id: true } });
  if (!item) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${sessionId}'`);
  const claim = await db().labelingClaim.findUnique({ where: { itemId_userId: { itemId, userId: actor.userId } } });
  if (claim?.status === "COMPLETED") return { itemId, status: "COMPLETED" };
  if (claim) {
    await db().labelingClaim.update({ where: { id: claim.id }, data: { status: "SKIPPED", completedAt: new Date() } });
    queueChanged(sessionId);
  } else
    await db().labelingClaim.create({
      data: { id: newId(), itemId, userId: actor.userId, status: "SKIPPED", completedAt: new Date() },
    });
  return { itemId, status: "SKIPPED" };
}
