/**
 * Chats against the real databases and a real streaming OpenAI-compatible server on 127.0.0.1:
 * turns streamed and recorded as traces of one conversation, the history sent back, ratings as
 * assessments, the chat as a conversation item, and an unreachable agent as an ERROR trace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { createAgent, setSessionAgent, updateAgent } from "@/lib/agents/service";
import { finishChat, getChat, rateChatTurn, sendChatMessage } from "@/lib/chat/service";
import { releaseExpiredClaims } from "@/lib/labeling/review/claims";
import { countMyItems } from "@/lib/labeling/review/my-items";
import { claimNextItem } from "@/lib/labeling/review/service";
import type { ChatStreamEvent } from "@/lib/chat/schemas";
import { startFakeChatServer, type FakeChatServer } from "@/lib/evaluation/judges/testing/fake-chat-server";
import { db } from "@/test/db";
import { makeSession, makeUser } from "@/test/labeling";

let admin: Actor;
let fake: FakeChatServer;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
  await setAllowedHosts(admin, { hosts: ["127.0.0.1"] });
  fake = await startFakeChatServer();
});
afterAll(async () => {
  await setAllowedHosts(admin, { hosts: [] });
  await fake?.close();
});

async function send(actor: Actor, sessionId: string, message: string, chatId?: string | null) {
  const events: ChatStreamEvent[] = [];
  await sendChatMessage(actor, sessionId, { message, chatId }, (e) => events.push(e));
  return events;
}

describe("chat in the Review App", () => {
  it("streams answers, records each turn as a trace of one conversation and takes ratings as assessments", async () => {
    const reviewer = await makeUser("REVIEWER");
    const { session, exp } = await makeSession(admin, { traces: 0, labelsPerItem: 1, reviewers: [reviewer] });
    const agent = await createAgent(admin, exp.id, {
      name: "helper",
      baseUrl: fake.baseUrl,
      model: "agent-db",
      apiKey: "sk-agent-db",
      systemPrompt: "You are terse.",
    });
    await setSessionAgent(admin, session.id, { agentId: agent.id });

    const first = await send(reviewer, session.id, "hello there");
    expect(first[0]).toMatchObject({ type: "start" });
    const deltas = first.filter((e) => e.type === "delta");
    expect(deltas.length).toBeGreaterThan(1); // streamed in pieces
    const done = first.at(-1)!;
    expect(done).toMatchObject({ type: "done", turn: { answer: "Turn 1: you said hello there", status: "OK" } });
    const chatId = (first[0] as { chatId: string }).chatId;
    await send(reviewer, session.id, "second question", chatId);
    const third = await send(reviewer, session.id, "third", chatId);
    expect(third.at(-1)).toMatchObject({ type: "done", turn: { answer: "Turn 3: you said third", position: 2 } });
    // The history went to the agent with the system prompt and the key.
    const last = fake.requests.at(-1)!;
    expect(last.body.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    expect(last.headers.authorization).toBe("Bearer sk-agent-db");

    const chat = await getChat(reviewer, session.id);
    expect(chat.agent).toMatchObject({ name: "helper" });
    expect(chat.chat!.id).toBe(chatId);
    const turns = chat.chat!.turns;
    expect(turns.map((t) => t.message)).toEqual(["hello there", "second question", "third"]);
    const traces = await db().trace.findMany({
      where: { id: { in: turns.map((t) => t.traceId) } },
      include: { metadata: true },
    });
    expect(traces).toHaveLength(3);
    for (const t of traces) {
      expect(t.sessionId).toBe(chatId);
      expect(t.state).toBe("OK");
      expect(t.experimentId).toBe(exp.id);
      expect(t.metadata.find((m) => m.key === "mlflow.trace.user")?.value).toBe(reviewer.email);
    }
    const spans = await db().span.findMany({ where: { traceId: turns[1].traceId } });
    expect(spans.map((s) => s.spanType).sort()).toEqual(["CHAIN", "CHAT_MODEL"]);

    const rated = await rateChatTurn(reviewer, session.id, turns[1].id, {
      thumb: "down",
      comment: "too vague",
      answers: { verdict: { value: "bad", comment: "missed the point" }, score: { value: 2 } },
    });
    expect(rated).toMatchObject({
      thumb: "down",
      comment: "too vague",
      answers: { verdict: { value: "bad" }, score: { value: 2 } },
    });
    const labels = await db().assessment.findMany({ where: { traceId: turns[1].traceId, valid: true } });
    expect(labels.map((a) => [a.name, a.value, a.runId === session.runId, a.sourceType]).sort()).toEqual([
      ["score", "2", true, "HUMAN"],
      ["user_feedback", "false", true, "HUMAN"],
      ["verdict", '"bad"', true, "HUMAN"],
    ]);
    // Saving again changes the expert's own assessment, and a bad answer is a 400 naming it.
    await rateChatTurn(reviewer, session.id, turns[1].id, { thumb: "up" });
    expect((await getChat(reviewer, session.id)).chat!.turns[1]).toMatchObject({ thumb: "up", comment: "too vague" });
    await expect(
      rateChatTurn(reviewer, session.id, turns[1].id, { answers: { score: { value: 99 } } }),
    ).rejects.toMatchObject({ status: 400 });

    // The chat is one conversation item of the session, whose trace is the first turn's.
    const items = await db().labelingItem.findMany({
      where: { sessionId: session.id },
      include: { conversation: true },
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ traceId: turns[0].traceId, conversation: { conversationId: chatId } });
    const links = await db().traceRunLink.count({ where: { runId: session.runId } });
    expect(links).toBe(3);

    // Until the expert finishes the chat its item is theirs, in progress: not released as
    // abandoned, not offered to them (or anyone else) in the queue, not "to do".
    const claim = () => db().labelingClaim.findFirstOrThrow({ where: { itemId: items[0].id } });
    expect(await claim()).toMatchObject({ userId: reviewer.userId, status: "IN_PROGRESS" });
    expect(await releaseExpiredClaims(session.id, { timeoutMs: 1, now: new Date(Date.now() + 60_000) })).toBe(0);
    expect((await claimNextItem(reviewer, session.id)).item).toBeNull();
    expect(await countMyItems(session.id, reviewer.userId, 1)).toMatchObject({ todo: 0, draft: 0, taken: 1 });
    const other = await makeUser("REVIEWER");
    await db().labelingSessionReviewer.create({ data: { sessionId: session.id, userId: other.userId } });
    expect((await claimNextItem(other, session.id)).item).toBeNull();
    expect((await getChat(reviewer, session.id)).chat!.finished).toBe(false);
    const finished = await finishChat(reviewer, session.id, { chatId });
    expect(finished.chat!.finished).toBe(true);
    expect(await claim()).toMatchObject({ status: "COMPLETED" });
    expect((await claim()).completedAt).not.toBeNull();
    await expect(finishChat(other, session.id, { chatId })).rejects.toMatchObject({ status: 404 });

    // ChatTurn.traceId is a foreign key: a turn never outlives its trace.
    await db().trace.delete({ where: { id: turns[2].traceId } });
    expect(await db().chatTurn.count({ where: { threadId: chatId } })).toBe(2);
  });

  it("records an ERROR trace with a clear message when the agent fails or cannot be reached", async () => {
    const reviewer = await makeUser("REVIEWER");
    const outsider = await makeUser("REVIEWER");
    const { session, exp } = await makeSession(admin, { traces: 0, labelsPerItem: 1, reviewers: [reviewer] });
    const agent = await createAgent(admin, exp.id, { name: "flaky", baseUrl: fake.baseUrl, model: "agent-db" });
    await expect(send(reviewer, session.id, "no agent yet")).rejects.toMatchObject({ status: 400 });
    await setSessionAgent(admin, session.id, { agentId: agent.id });
    await expect(send(outsider, session.id, "hi")).rejects.toMatchObject({ status: 404 });

    const failed = await send(reviewer, session.id, "please AGENT_FAIL");
    const end = failed.at(-1)!;
    expect(end).toMatchObject({ type: "error", turn: { status: "ERROR" } });
    expect((end as { message: string }).message).toMatch(/HTTP 500: agent exploded/);

    // A closed port: nothing listens there.
    await updateAgent(admin, agent.id, { baseUrl: "http://127.0.0.1:9/v1" });
    const down = await send(reviewer, session.id, "anyone?", (failed[0] as { chatId: string }).chatId);
    expect((down.at(-1) as { message: string }).message).toMatch(/could not be reached/);
    const turns = (await getChat(reviewer, session.id)).chat!.turns;
    expect(turns.map((t) => t.status)).toEqual(["ERROR", "ERROR"]);
    const traces = await db().trace.findMany({ where: { id: { in: turns.map((t) => t.traceId) } } });
    expect(traces.map((t) => t.state)).toEqual(["ERROR", "ERROR"]);
  });
});
