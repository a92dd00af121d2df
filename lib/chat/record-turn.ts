import "server-only";
/**
 * A chat turn as a trace of the experiment, written through the ingestion writer (the one trace
 * writer): a root CHAIN span with the conversation so far and the answer, and a CHAT_MODEL child
 * with the raw request to the agent. The turn's session id (metadata mlflow.trace.session) is the
 * chat id and its user (mlflow.trace.user) the expert. A failed call is an ERROR trace carrying
 * the message the expert saw. Compare sessions built from two agents record each answer the same
 * way (lib/pairwise/generate.ts), without a conversation or a user.
 */
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import type { AgentCall, ChatMessage } from "@/lib/agents/stream";
import type { Prisma } from "@/lib/db/client";
import { newSpanId } from "@/lib/ids";
import { ingestSpans } from "@/lib/ingestion/writer";
import type { NormalizedSpan } from "@/lib/ingestion/types";

const ns = (ms: number) => BigInt(ms) * 1_000_000n;

export interface TurnTrace {
  traceId: string;
  experimentId: string;
  /** The conversation (metadata mlflow.trace.session); null for a one-off call (a compare pair). */
  chatId: string | null;
  /** The person the call is made for (mlflow.trace.user); null when a job makes it. */
  userEmail: string | null;
  agentName: string;
  /** The root span's name: review_app.chat unless given. */
  name?: string;
  /** What was sent, system prompt excluded (it is in the model span's request). */
  conversation: ChatMessage[];
  call: AgentCall;
}

export function turnSpans(t: TurnTrace): NormalizedSpan[] {
  const failed = Boolean(t.call.error);
  const common = {
    traceId: t.traceId,
    sessionId: null,
    userId: null,
    experimentIdHint: null,
    startTimeNs: ns(t.call.startMs),
    endTimeNs: ns(t.call.endMs),
    statusCode: failed ? "ERROR" : "OK",
    statusMessage: t.call.error ?? null,
  } as const;
  const events = () => [] as NormalizedSpan["events"];
  const rootId = newSpanId();
  const answer = t.call.output;
  return [
    {
      ...common,
      events: events(),
      spanId: rootId,
      parentSpanId: null,
      name: t.name ?? "review_app.chat",
      spanType: "CHAIN",
      inputs: { messages: t.conversation },
      outputs: failed
        ? answer
          ? { content: answer, error: t.call.error }
          : { error: t.call.error }
        : { content: answer },
      attributes: { "mlflow.spanType": "CHAIN", "tracelight.agent": t.agentName },
      model: null,
      inputTokens: null,
      outputTokens: null,
      // The writer turns these into the trace's metadata mlflow.trace.session / mlflow.trace.user.
      sessionId: t.chatId,
      userId: t.userEmail,
    },
    {
      ...common,
      events: events(),
      spanId: newSpanId(),
      parentSpanId: rootId,
      name: "chat.completions",
      spanType: "CHAT_MODEL",
      inputs: t.call.request,
      outputs:
        answer || !failed ? { choices: [{ index: 0, message: { role: "assistant", content: answer } }] } : undefined,
      attributes: {
        "mlflow.spanType": "CHAT_MODEL",
        "http.url": t.call.url,
        ...(t.call.status ? { "http.status_code": t.call.status } : {}),
      },
      model: t.call.model,
      inputTokens: t.call.usage?.input ?? null,
      outputTokens: t.call.usage?.output ?? null,
    },
  ];
}

/**
 * Writes the turn's trace in the caller's transaction. The app writes it on the expert's behalf
 * (reviewers may not ingest traces themselves; the chat service checked their access).
 */
export async function writeTurnTrace(tx: Prisma.TransactionClient, t: TurnTrace): Promise<void> {
  await ingestSpans(SYSTEM_ACTOR, t.experimentId, turnSpans(t), { tx });
}
