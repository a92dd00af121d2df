import "server-only";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { upsertUserAssessment } from "@/lib/assessments/internal";
import { validateAnswers } from "@/lib/labeling/label-input";
import { answerKey, loadSubmittedAnswers } from "@/lib/labeling/results/answers";
import { claimNext, lockItem, takeSlot, type ClaimOptions } from "@/lib/labeling/review/claims";
import { loadReviewTrace } from "@/lib/labeling/review/trace";
import { loadSessionForReviewer, type LoadedSession } from "@/lib/labeling/sessions/access";
import type { TSaveDraftBody, TSubmitLabelsBody } from "@/lib/labeling/schemas";
import { TRACE_SESSION_METADATA_KEY } from "@/lib/assessments/schemas";
import { checkItemForAdjudication } from "@/lib/labeling/adjudication/service";
import { conversationOf, conversationTurnIds } from "@/lib/labeling/conversations/service";
import { goldQuestionsOf } from "@/lib/labeling/gold/service";
import type { MyProgressDto, ReviewItemDto, NextItemDto } from "@/lib/labeling/types";
export type { MyProgressDto, ReviewItemDto, NextItemDto } from "@/lib/labeling/types";

/** Metadata key on the assessments a session produces, besides the run id. */
export const LABELING_SESSION_METADATA_KEY = "tracelight.labelingSessionId";

const json = <T>(text: string | null): T | null => (text == null ? null : (JSON.parse(text) as T));

async function myProgress(sessionId: string, userId: string): Promise<MyProgressDto> {
  const [total, grouped] = await Promise.all([
    db().labelingItem.count({ where: { sessionId } }),
    db().labelingClaim.groupBy({ by: ["status"], where: { userId, item: { sessionId } }, _count: { _all: true } }),
  ]);
  const count = (s: string) => grouped.find((g) => g.status === s)?._count._all ?? 0;
  return { totalItems: total, completed: count("COMPLETED"), skipped: count("SKIPPED") };
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

async function buildItem(actor: Actor, session: LoadedSession, itemId: string): Promise<ReviewItemDto> {
  const item = await db().labelingItem.findFirst({ where: { id: itemId, sessionId: session.id } });
  if (!item) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${session.id}'`);
  const claim = await db().labelingClaim.findUnique({ where: { itemId_userId: { itemId, userId: actor.userId } } });
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
  const conversationId = await conversationOf(item.id);
  const [trace, progress, gold, conversation] = await Promise.all([
    loadReviewTrace(item.traceId, actor, traceOpts),
    myProgress(session.id, actor.userId),
    goldQuestionsOf(item.id),
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
  const itemId = await claimNext(session.id, actor.userId, session.labelsPerItem, opts);
  if (!itemId) return { item: null, progress: await myProgress(session.id, actor.userId) };
  const item = await buildItem(actor, session, itemId);
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
 * reviewer's email, the comment as rationale, the session's run id), written with
 * `upsertUserAssessment` so a resubmission changes this reviewer's own assessment only. All
 * answers and the claim update commit together. Answers are validated as the schemas say
 * (400 naming `answers.<schema>`); an item whose slots were taken meanwhile is a 409.
 */
export async function submitLabels(
  actor: Actor,
  sessionId: string,
  itemId: string,
  body: TSubmitLabelsBody,
): Promise<{ itemId: string; status: "COMPLETED"; assessmentIds: string[] }> {
  const session = await loadSessionForReviewer(actor, sessionId);
  const item = await db().labelingItem.findFirst({ where: { id: itemId, sessionId } });
  if (!item) throw new NotFoundError(`Item '${itemId}' is not in labeling session '${sessionId}'`);
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
  // A conversation's answers are session-level assessments: MLflow keeps them on the first trace
  // (the item's trace) with the conversation id in metadata.
  const conversationId = await conversationOf(itemId);
  const assessmentIds = await db().$transaction(async (tx) => {
    // Serialise submissions for one item (two tabs of one reviewer, say), so the read-then-write
    // of upsertUserAssessment cannot create two assessments. SQLite transactions are already serial.
    await lockItem(tx, itemId);
    const claim = await tx.labelingClaim.findUnique({ where: { itemId_userId: { itemId, userId: actor.userId } } });
    let claimId = claim?.status === "SKIPPED" ? undefined : claim?.id;
    if (claim?.status === "SKIPPED") await tx.labelingClaim.delete({ where: { id: claim.id } });
    if (!claimId) {
      // The claim expired and was released (or the reviewer came by link): take a slot now, if any.
      claimId = (await takeSlot(tx, itemId, actor.userId, session.labelsPerItem, "COMPLETED")) ?? undefined;
      if (!claimId)
        throw new ConflictError(
          "Enough reviewers have already labeled this item; your answers were not saved. Move on to the next item.",
        );
    }
    const ids: string[] = [];
    for (const [name, answer] of Object.entries(result.answers)) {
      const schema = byName.get(name)!;
      const written = await upsertUserAssessment(tx, {
        traceId: item.traceId,
        name,
        kind: schema.type === "feedback" ? "FEEDBACK" : "EXPECTATION",
        value: answer.value,
        rationale: answer.comment ?? null,
        source: { sourceType: "HUMAN", sourceId: actor.email },
        runId: session.runId,
        createdById: actor.userId,
        metadata: {
          [LABELING_SESSION_METADATA_KEY]: session.id,
          ...(conversationId ? { [TRACE_SESSION_METADATA_KEY]: conversationId } : {}),
        },
      });
      ids.push(written.assessmentId);
    }
    // The answers live only as the assessments written above (one source of truth); resubmitting
    // keeps earlier answers to questions left blank this time, since those assessments stay.
    // `answers: null` also clears the copy that rows written before this change carry.
    await tx.labelingClaim.update({
      where: { id: claimId! },
      data: { status: "COMPLETED", completedAt: new Date(), draft: null, answers: null },
    });
    return ids;
  });
  // Once the item has its labels, a disagreement goes to the session's adjudicators (when enabled).
  await checkItemForAdjudication(sessionId, itemId);
  return { itemId, status: "COMPLETED", assessmentIds };
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
  if (claim)
    await db().labelingClaim.update({ where: { id: claim.id }, data: { status: "SKIPPED", completedAt: new Date() } });
  else
    await db().labelingClaim.create({
      data: { id: newId(), itemId, userId: actor.userId, status: "SKIPPED", completedAt: new Date() },
    });
  return { itemId, status: "SKIPPED" };
}
