import "server-only";
/**
 * Chats in the Review App (issue 13). An expert who may review a session with an agent talks to
 * it: the history is kept as ChatTurn rows (what is sent back on the next turn), each turn is a
 * trace (./record-turn.ts), and the chat is a conversation item of the session from its first
 * turn on, so it shows in the session's results and the experiment's Sessions view. Ratings are
 * assessments on the turn's trace written as the review queue writes them (one source of truth).
 */
import type { Actor } from "@/lib/auth/actor";
import { resolveSessionAgent, sessionAgentOf } from "@/lib/agents/service";
import { streamAgentAnswer, type ChatMessage } from "@/lib/agents/stream";
import { loadNetworkPolicy } from "@/lib/allowed-hosts/service";
import { upsertUserAssessment } from "@/lib/assessments/internal";
import { TRACE_SESSION_METADATA_KEY } from "@/lib/assessments/schemas";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId, newTraceId, randomHex } from "@/lib/ids";
import { validateAnswers } from "@/lib/labeling/label-input";
import { LABELING_SESSION_METADATA_KEY } from "@/lib/labeling/review/service";
import { loadSessionForReviewer, type LoadedSession } from "@/lib/labeling/sessions/access";
import { writeTurnTrace } from "./record-turn";
import {
  MAX_CHAT_TURNS,
  THUMB_ASSESSMENT,
  type ChatDto,
  type ChatStreamEvent,
  type ChatTurnDto,
  type TChatQuery,
  type TFinishChatBody,
  type TRateChatTurnBody,
  type TSendChatMessageBody,
} from "./schemas";

type TurnRow = Awaited<ReturnType<ReturnType<typeof db>["chatTurn"]["findMany"]>>[number];

const parse = (text: string | null): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** This expert's assessments on the turns, read back into the DTO (thumb, comment, schema answers). */
async function toTurnDtos(actor: Actor, session: LoadedSession, rows: TurnRow[]): Promise<ChatTurnDto[]> {
  const names = [THUMB_ASSESSMENT, ...session.schemaDtos.map((s) => s.name)];
  const assessments = rows.length
    ? await db().assessment.findMany({
        where: {
          traceId: { in: rows.map((r) => r.traceId) },
          createdById: actor.userId,
          runId: session.runId,
          valid: true,
          name: { in: names },
        },
        select: { traceId: true, name: true, value: true, rationale: true },
      })
    : [];
  return rows.map((r) => {
    const mine = assessments.filter((a) => a.traceId === r.traceId);
    const thumb = mine.find((a) => a.name === THUMB_ASSESSMENT);
    const thumbValue = thumb ? parse(thumb.value) : null;
    const answers: ChatTurnDto["answers"] = {};
    for (const a of mine)
      if (a.name !== THUMB_ASSESSMENT) answers[a.name] = { value: parse(a.value), comment: a.rationale };
    return {
      id: r.id,
      position: r.position,
      traceId: r.traceId,
      message: r.message,
      answer: r.answer,
      status: r.status === "ERROR" ? "ERROR" : "OK",
      error: r.error,
      thumb: thumbValue === true ? "up" : thumbValue === false ? "down" : null,
      comment: thumb?.rationale ?? null,
      answers,
    };
  });
}

async function loadThread(actor: Actor, sessionId: string, chatId: string) {
  const thread = await db().chatThread.findFirst({ where: { id: chatId, sessionId, userId: actor.userId } });
  if (!thread) throw new NotFoundError(`Chat '${chatId}' is not one of your chats in this session`);
  return thread;
}

/** The session's agent and schemas with the expert's chat (the given one, else their latest). */
export async function getChat(actor: Actor, sessionId: string, query: TChatQuery = {}): Promise<ChatDto> {
  const session = await loadSessionForReviewer(actor, sessionId);
  const thread = query.chatId
    ? await loadThread(actor, sessionId, query.chatId)
    : await db().chatThread.findFirst({
        where: { sessionId, userId: actor.userId },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      });
  const rows = thread
    ? await db().chatTurn.findMany({
        where: { threadId: thread.id },
        orderBy: { position: "asc" },
        take: MAX_CHAT_TURNS,
      })
    : [];
  return {
    sessionId: session.id,
    sessionName: session.name,
    agent: await sessionAgentOf(sessionId),
    schemas: session.schemaDtos,
    chat: thread
      ? {
          id: thread.id,
          turns: await toTurnDtos(actor, session, rows),
          finished: (await chatClaim(sessionId, thread.id, actor.userId))?.status === "COMPLETED",
        }
      : null,
  };
}

/** The chat becomes a conversation item of the session (once): its first trace is the item's. */
async function ensureConversationItem(
  tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0],
  session: LoadedSession,
  chatId: string,
  traceId: string,
  userId: string,
): Promise<void> {
  const existing = await tx.labelingConversationItem.findUnique({
    where: { sessionId_conversationId: { sessionId: session.id, conversationId: chatId } },
  });
  if (existing) return;
  const last = await tx.labelingItem.findFirst({
    where: { sessionId: session.id },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  const itemId = newId();
  await tx.labelingItem.create({
    data: { id: itemId, sessionId: session.id, traceId, position: (last?.position ?? -1) + 1 },
  });
  await tx.labelingConversationItem.create({ data: { itemId, sessionId: session.id, conversationId: chatId } });
  // The expert's claim holds the item while they chat (IN_PROGRESS: not offered to anyone else, not
  // released as abandoned; lib/labeling/review/claims.ts OWN_CHAT_CLAIM) and is COMPLETED when
  // they finish the chat (finishChat). Other reviewers get it then, while the session asks for
  // more labels per item.
  await tx.labelingClaim.create({ data: { id: newId(), itemId, userId, status: "IN_PROGRESS" } });
}

/** The expert's claim on their chat's item (null before the first turn). */
async function chatClaim(sessionId: string, chatId: string, userId: string) {
  const item = await db().labelingConversationItem.findUnique({
    where: { sessionId_conversationId: { sessionId, conversationId: chatId } },
    select: { itemId: true },
  });
  if (!item) return null;
  return db().labelingClaim.findUnique({ where: { itemId_userId: { itemId: item.itemId, userId } } });
}

/**
 * The expert is done with a chat: their claim on its item becomes COMPLETED (their labels are the
 * assessments they left turn by turn), so the session counts it as labeled by them. Finishing
 * again changes nothing; sending another message later keeps it finished.
 */
export async function finishChat(actor: Actor, sessionId: string, body: TFinishChatBody): Promise<ChatDto> {
  await loadSessionForReviewer(actor, sessionId);
  const thread = await loadThread(actor, sessionId, body.chatId);
  const claim = await chatClaim(sessionId, thread.id, actor.userId);
  if (!claim) throw new ConflictError("This chat has no answer yet; send a message first.");
  if (claim.status !== "COMPLETED")
    await db().labelingClaim.update({
      where: { id: claim.id },
      data: { status: "COMPLETED", completedAt: new Date(), draft: null },
    });
  return getChat(actor, sessionId, { chatId: thread.id });
}

/**
 * Sends the expert's message with the chat's history to the agent, streaming the answer through
 * `emit`, then records the turn (an ERROR trace when the agent failed). A failed turn is kept in
 * the chat but left out of the history sent next time.
 */
export async function sendChatMessage(
  actor: Actor,
  sessionId: string,
  body: TSendChatMessageBody,
  emit: (event: ChatStreamEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const session = await loadSessionForReviewer(actor, sessionId);
  const agent = await resolveSessionAgent(sessionId);
  if (!agent)
    throw new ValidationError("This labeling session has no agent to chat with", {
      issues: [{ path: "sessionId", message: "the session has no agent" }],
    });
  const existing = body.chatId ? await loadThread(actor, sessionId, body.chatId) : null;
  const chatId = existing?.id ?? `chat-${randomHex(12)}`;
  const previous = existing
    ? await db().chatTurn.findMany({ where: { threadId: chatId }, orderBy: { position: "asc" } })
    : [];
  if (previous.length >= MAX_CHAT_TURNS)
    throw new ConflictError(`A chat holds at most ${MAX_CHAT_TURNS} turns; start a new chat to go on.`);
  const conversation: ChatMessage[] = [];
  for (const t of previous)
    if (t.status === "OK" && t.answer != null)
      conversation.push({ role: "user", content: t.message }, { role: "assistant", content: t.answer });
  conversation.push({ role: "user", content: body.message });
  const messages: ChatMessage[] = agent.systemPrompt
    ? [{ role: "system", content: agent.systemPrompt }, ...conversation]
    : conversation;

  const traceId = newTraceId();
  const turnId = newId();
  emit({ type: "start", chatId, turnId, traceId });
  const call = await streamAgentAnswer(agent, messages, {
    onDelta: (text) => emit({ type: "delta", text }),
    signal,
    network: await loadNetworkPolicy(),
  });
  const position = (previous.at(-1)?.position ?? -1) + 1;
  await db().$transaction(
    async (tx) => {
      if (!existing)
        await tx.chatThread.create({ data: { id: chatId, sessionId, userId: actor.userId, agentId: agent.id } });
      else await tx.chatThread.update({ where: { id: chatId }, data: { agentId: agent.id } });
      await writeTurnTrace(tx, {
        traceId,
        experimentId: session.experimentId,
        chatId,
        userEmail: actor.email,
        agentName: agent.name,
        conversation,
        call,
      });
      await tx.chatTurn.create({
        data: {
          id: turnId,
          threadId: chatId,
          position,
          traceId,
          message: body.message,
          answer: call.error && !call.output ? null : call.output,
          status: call.error ? "ERROR" : "OK",
          error: call.error ?? null,
        },
      });
      // Linked to the session's run, as every item's trace is (and so visible to its reviewers).
      await tx.traceRunLink.create({ data: { traceId, runId: session.runId } });
      await ensureConversationItem(tx, session, chatId, traceId, actor.userId);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  const row = await db().chatTurn.findUniqueOrThrow({ where: { id: turnId } });
  const [turn] = await toTurnDtos(actor, session, [row]);
  emit(call.error ? { type: "error", message: call.error, turn } : { type: "done", turn });
}

/**
 * The expert's feedback on one answer: thumbs up/down (a boolean `user_feedback` assessment whose
 * rationale is the comment) and answers to the session's schemas, each an assessment on the
 * turn's trace with the session's run id, written with upsertUserAssessment so saving again
 * changes the expert's own assessments only. A thumb of null leaves the thumb as it was.
 */
export async function rateChatTurn(
  actor: Actor,
  sessionId: string,
  turnId: string,
  body: TRateChatTurnBody,
): Promise<ChatTurnDto> {
  const session = await loadSessionForReviewer(actor, sessionId);
  const turn = await db().chatTurn.findFirst({
    where: { id: turnId, thread: { sessionId, userId: actor.userId } },
  });
  if (!turn) throw new NotFoundError(`Turn '${turnId}' is not in one of your chats in this session`);
  const answers = body.answers ?? {};
  const result = validateAnswers(session.definitions, answers);
  if (!result.ok)
    throw new ValidationError(`Invalid answers: ${result.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, {
      issues: result.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
    });
  if (!body.thumb && body.comment === undefined && Object.keys(result.answers).length === 0)
    throw new ValidationError("Give a thumb, a comment or an answer to save", {
      issues: [{ path: "body", message: "must give a thumb, a comment or at least one answer" }],
    });
  const byName = new Map(session.schemaDtos.map((s) => [s.name, s]));
  const common = {
    traceId: turn.traceId,
    source: { sourceType: "HUMAN", sourceId: actor.email },
    runId: session.runId,
    createdById: actor.userId,
    metadata: { [LABELING_SESSION_METADATA_KEY]: session.id, [TRACE_SESSION_METADATA_KEY]: turn.threadId },
  };
  await db().$transaction(async (tx) => {
    const existingThumb = await tx.assessment.findFirst({
      where: {
        traceId: turn.traceId,
        name: THUMB_ASSESSMENT,
        createdById: actor.userId,
        runId: session.runId,
        valid: true,
      },
    });
    const thumb = body.thumb ?? (existingThumb ? (parse(existingThumb.value) === true ? "up" : "down") : null);
    if (thumb) {
      await upsertUserAssessment(tx, {
        ...common,
        name: THUMB_ASSESSMENT,
        kind: "FEEDBACK",
        value: thumb === "up",
        rationale: body.comment !== undefined ? body.comment.trim() || null : (existingThumb?.rationale ?? null),
      });
    } else if (body.comment?.trim()) {
      throw new ValidationError("Choose thumbs up or down for the comment to go with", {
        issues: [{ path: "body.thumb", message: "is needed with a comment" }],
      });
    }
    for (const [name, answer] of Object.entries(result.answers)) {
      const schema = byName.get(name)!;
      await upsertUserAssessment(tx, {
        ...common,
        name,
        kind: schema.type === "feedback" ? "FEEDBACK" : "EXPECTATION",
        value: answer.value,
        rationale: answer.comment ?? null,
      });
    }
  });
  const [dto] = await toTurnDtos(actor, session, [turn]);
  return dto;
}
