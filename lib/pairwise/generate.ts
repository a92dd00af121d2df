import "server-only";
/**
 * The job behind a compare session built from two agents (`pairwise.generate`): it calls both
 * agents on each pair's input through the agents' call path (lib/agents/stream.ts, every call
 * through the outbound URL guard with the admins' allowed hosts), records each answer as a trace
 * as a chat turn is recorded (lib/chat/record-turn.ts: an ERROR trace when the agent failed),
 * links it to the session's run and fills the pair. Progress is the pairs' own rows (a pair
 * without both trace ids is still to do), so a slice that stops (`ctx.shouldYield()`, a restart,
 * another server) resumes where the table says. When no pair is left the session is READY.
 */
import { resolveAgent, type ResolvedAgent } from "@/lib/agents/service";
import { streamAgentAnswer, type AgentCall, type ChatMessage } from "@/lib/agents/stream";
import { loadNetworkPolicy } from "@/lib/allowed-hosts/service";
import { writeTurnTrace } from "@/lib/chat/record-turn";
import { db, type Prisma } from "@/lib/db/client";
import { newTraceId } from "@/lib/ids";
import type { JobContext, JobOutcome } from "@/lib/jobs/service";
import { z } from "zod";

export const PAIRWISE_GENERATE_JOB = "pairwise.generate";
/** Pairs called at once (each calls its two agents at once). */
const PAIRS_PER_STEP = 2;

export const ZGeneratePayload = z.object({
  sessionId: z.string(),
  /** The field of an object input sent as the message (see messageOf). */
  inputKey: z.string().nullable().default(null),
});
export type TGeneratePayload = z.infer<typeof ZGeneratePayload>;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * The message an input becomes: a text as it is; of an object (a dataset record's inputs) the
 * `inputKey` field, else its only text field, else its JSON.
 */
export function messageOf(inputs: unknown, inputKey: string | null): string {
  if (typeof inputs === "string") return inputs;
  if (inputs && typeof inputs === "object" && !Array.isArray(inputs)) {
    const record = inputs as Record<string, unknown>;
    const pick = inputKey !== null && inputKey in record ? record[inputKey] : undefined;
    if (pick !== undefined) return typeof pick === "string" ? pick : JSON.stringify(pick);
    const texts = Object.values(record).filter((v): v is string => typeof v === "string");
    if (Object.keys(record).length === 1 && texts.length === 1) return texts[0];
  }
  return JSON.stringify(inputs);
}

async function fail(sessionId: string, error: string): Promise<"done"> {
  await db().pairwiseSession.update({ where: { sessionId }, data: { status: "FAILED", error } });
  return "done";
}

/** One agent's answer to one input (never throws: a failure is in `call.error`). */
export async function answer(
  agent: ResolvedAgent,
  message: string,
  network: Awaited<ReturnType<typeof loadNetworkPolicy>>,
): Promise<{ traceId: string; call: AgentCall; conversation: ChatMessage[] }> {
  const conversation: ChatMessage[] = [{ role: "user", content: message }];
  const messages: ChatMessage[] = agent.systemPrompt
    ? [{ role: "system", content: agent.systemPrompt }, ...conversation]
    : conversation;
  const call = await streamAgentAnswer(agent, messages, { network });
  return { traceId: newTraceId(), call, conversation };
}

/**
 * Writes an agent's answer as a trace of the session's experiment (as a chat turn is written) and
 * links it to the session's run, so the session's reviewers may see it.
 */
export async function recordAnswer(
  tx: Prisma.TransactionClient,
  session: { experimentId: string; runId: string },
  a: { traceId: string; agent: ResolvedAgent; call: AgentCall; conversation: ChatMessage[] },
  userEmail: string | null,
): Promise<void> {
  await writeTurnTrace(tx, {
    traceId: a.traceId,
    experimentId: session.experimentId,
    chatId: null,
    userEmail,
    agentName: a.agent.name,
    name: "review_app.compare",
    conversation: a.conversation,
    call: a.call,
  });
  await tx.traceRunLink.create({ data: { traceId: a.traceId, runId: session.runId } });
}

/** Attempts of a slice that throws (database gone, bug) before the session is marked FAILED. */
export const PAIRWISE_GENERATE_ATTEMPTS = 5;

export async function runPairwiseGenerationSlice(payload: unknown, ctx: JobContext): Promise<JobOutcome> {
  const { sessionId, inputKey } = ZGeneratePayload.parse(payload);
  try {
    return await generateSlice(sessionId, inputKey, ctx);
  } catch (e) {
    // Retried by the job backend; the last attempt says why instead of leaving the session GENERATING.
    if (ctx.attempt < PAIRWISE_GENERATE_ATTEMPTS) throw e;
    return fail(sessionId, `Calling the agents failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function generateSlice(sessionId: string, inputKey: string | null, ctx: JobContext): Promise<JobOutcome> {
  const pw = await db().pairwiseSession.findUnique({
    where: { sessionId },
    include: { session: { select: { id: true, experimentId: true, runId: true } } },
  });
  if (!pw || pw.status !== "GENERATING") return "done";
  const [agentA, agentB] = await Promise.all([
    pw.agentIdA ? resolveAgent(pw.agentIdA) : null,
    pw.agentIdB ? resolveAgent(pw.agentIdB) : null,
  ]);
  if (!agentA || !agentB)
    return fail(sessionId, `Agent '${!agentA ? pw.labelA : pw.labelB}' was deleted before it answered every input.`);
  const network = await loadNetworkPolicy();
  for (;;) {
    const pending = await db().pairwisePair.findMany({
      where: { sessionId, OR: [{ traceIdA: null }, { traceIdB: null }] },
      orderBy: { position: "asc" },
      take: PAIRS_PER_STEP,
    });
    if (!pending.length) {
      await db().pairwiseSession.update({ where: { sessionId }, data: { status: "READY", error: null } });
      return "done";
    }
    await Promise.all(
      pending.map(async (pair) => {
        const message = messageOf(parse(pair.inputs), inputKey);
        const sides = (["A", "B"] as const).filter((v) => (v === "A" ? pair.traceIdA : pair.traceIdB) === null);
        const answers = await Promise.all(
          sides.map(async (v) => {
            const agent = v === "A" ? agentA : agentB;
            return { v, agent, ...(await answer(agent, message, network)) };
          }),
        );
        await db().$transaction(
          async (tx) => {
            for (const a of answers) await recordAnswer(tx, pw.session, a, null);
            // Only a side still empty is filled: a slice run twice never overwrites an answer.
            for (const a of answers)
              await tx.pairwisePair.updateMany({
                where: { id: pair.id, ...(a.v === "A" ? { traceIdA: null } : { traceIdB: null }) },
                data: a.v === "A" ? { traceIdA: a.traceId } : { traceIdB: a.traceId },
              });
          },
          { maxWait: 30_000, timeout: 60_000 },
        );
      }),
    );
    if (ctx.shouldYield()) return "continue";
  }
}
