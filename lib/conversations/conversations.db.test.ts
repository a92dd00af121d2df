/** listConversations and getConversation on both databases: grouping, figures, filter, paging, scope. */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { newAssessmentId } from "@/lib/ids";
import { upsertTraceInfo } from "@/lib/ingestion/trace-info-writer";
import { insertTrace } from "@/lib/seed/factories";
import { FilterSyntaxError } from "@/lib/traces/search";
import { createUser } from "@/lib/users/service";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { getConversation, listConversations } from "./service";

const T0 = 1_700_000_000_000;
let experimentId = "";
let dev: Actor;
let reviewer: Actor;
const chatTurns: string[] = [];

async function actorFor(role: "DEVELOPER" | "REVIEWER"): Promise<Actor> {
  const { user } = await createUser(SYSTEM_ACTOR, {
    email: `${uniqueName(role.toLowerCase())}@t.test`,
    role,
    password: "trace-review-passphrase-9",
  });
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

function turn(session: string | null, minute: number, question: string, env: string, user = "u-1") {
  return insertTrace(db(), {
    experimentId,
    timestampMs: T0 + minute * 60_000,
    tags: { env },
    metadata: session ? { "mlflow.trace.session": session, "mlflow.trace.user": user } : {},
    root: {
      name: "chat",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 2000,
      inputs: { messages: [{ role: "user", content: question }] },
      outputs: { choices: [{ message: { role: "assistant", content: `answer to ${question}` } }] },
    },
    assessments:
      question === "q2"
        ? [{ name: "user_feedback", kind: "FEEDBACK", value: true, sourceType: "HUMAN", sourceId: "u-1" }]
        : [],
  });
}

beforeAll(async () => {
  dev = await actorFor("DEVELOPER");
  reviewer = await actorFor("REVIEWER");
  experimentId = (await makeExperiment()).id;
  // "chat-a": three turns (minutes 0, 5, 10), one staging; "chat-b": one later turn; one trace without a session.
  chatTurns.push(await turn("chat-a", 0, "q1", "prod", "alice"));
  chatTurns.push(await turn("chat-a", 5, "q2", "staging", "bob"));
  chatTurns.push(await turn("chat-a", 10, "q3", "prod", "alice"));
  await turn("chat-b", 20, "other", "prod");
  await turn(null, 30, "lonely", "prod");
  // An evaluation judge's feedback (it carries a run id) is not end-user feedback.
  await db().assessment.create({
    data: {
      id: newAssessmentId(),
      traceId: chatTurns[0]!,
      name: "user_feedback",
      kind: "FEEDBACK",
      value: "false",
      sourceType: "LLM_JUDGE",
      runId: "0123456789abcdef0123456789abcdef",
    },
  });
});

describe("listConversations", () => {
  it("lists conversations by last activity with turn count, first question, duration, feedback, users and tags", async () => {
    const res = await listConversations(dev, experimentId, {});
    expect(res.conversations.map((c) => c.sessionId)).toEqual(["chat-b", "chat-a"]);
    const a = res.conversations[1]!;
    expect(a.turnCount).toBe(3);
    expect(a.firstTraceId).toBe(chatTurns[0]);
    expect(a.firstQuestion).toBe("q1");
    expect(a.lastAnswer).toBe("answer to q3");
    expect(a.firstTimestampMs).toBe(T0);
    expect(a.lastTimestampMs).toBe(T0 + 10 * 60_000);
    // First start to the last turn's end (its 2 s duration).
    expect(a.durationMs).toBe(10 * 60_000 + 2000);
    expect(a.feedback).toEqual([{ name: "user_feedback", value: "true", count: 1 }]);
    expect(a.users).toEqual(["alice", "bob"]);
    expect(a.tags.env!.sort()).toEqual(["prod", "staging"]);
    expect(res.nextPageToken).toBeUndefined();
  });

  it("pages with page tokens", async () => {
    const first = await listConversations(dev, experimentId, { maxResults: 1 });
    expect(first.conversations.map((c) => c.sessionId)).toEqual(["chat-b"]);
    expect(first.nextPageToken).toBeTruthy();
    const second = await listConversations(dev, experimentId, { maxResults: 1, pageToken: first.nextPageToken });
    expect(second.conversations.map((c) => c.sessionId)).toEqual(["chat-a"]);
  });

  it("filters with the traces grammar: a matching turn selects its conversation, figures cover all turns", async () => {
    const res = await listConversations(dev, experimentId, { filter: "tags.env = 'staging'" });
    expect(res.conversations.map((c) => c.sessionId)).toEqual(["chat-a"]);
    expect(res.conversations[0]!.turnCount).toBe(3);
    const none = await listConversations(dev, experimentId, { filter: "tags.env = 'nowhere'" });
    expect(none.conversations).toEqual([]);
    await expect(listConversations(dev, experimentId, { filter: "tags.env = " })).rejects.toBeInstanceOf(
      FilterSyntaxError,
    );
  });

  it("picks up session ids sent by clients (StartTraceV3 metadata) and refuses unknown experiments", async () => {
    const traceId = `tr-${"c".repeat(24)}${Date.now().toString(16).padStart(8, "0").slice(-8)}`;
    await upsertTraceInfo(dev, {
      traceId,
      experimentId,
      requestTimeMs: T0 + 40 * 60_000,
      metadata: { "mlflow.trace.session": "chat-c" },
    });
    const res = await listConversations(dev, experimentId, {});
    expect(res.conversations[0]!.sessionId).toBe("chat-c");
    expect(res.conversations[0]!.turnCount).toBe(1);
    await expect(listConversations(dev, "no-such-experiment", {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows a reviewer only the turns of their labeling sessions", async () => {
    const res = await listConversations(reviewer, experimentId, {});
    expect(res.conversations).toEqual([]);
  });
});

describe("getConversation", () => {
  it("returns the turns in time order with their previews and assessments", async () => {
    const c = await getConversation(dev, experimentId, "chat-a");
    expect(c.turns.map((t) => t.trace.traceId)).toEqual(chatTurns);
    expect(c.turns.map((t) => [t.question, t.answer])).toEqual([
      ["q1", "answer to q1"],
      ["q2", "answer to q2"],
      ["q3", "answer to q3"],
    ]);
    expect(c.turns[1]!.trace.assessments.map((a) => a.name)).toEqual(["user_feedback"]);
    expect(c.turns.every((t) => t.trace.sessionId === "chat-a")).toBe(true);
    expect(c.summary.turnCount).toBe(3);
    expect(c.truncated).toBe(false);
  });

  it("answers 404 for an unknown session and for a reviewer without access", async () => {
    await expect(getConversation(dev, experimentId, "nope")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConversation(reviewer, experimentId, "chat-a")).rejects.toBeInstanceOf(NotFoundError);
  });
});
