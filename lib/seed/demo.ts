/** The demo experiment loaded on first start, so a new user sees realistic RAG and agent traces. */
import type { Db } from "../db/client";
import { newExperimentId } from "../ids";
import { AGENT_EXAMPLES, RAG_EXAMPLES, type AgentExample, type RagExample } from "./demo-content";
import { insertTrace, type AssessmentSpec, type TraceSpec } from "./factories";

export const DEMO_EXPERIMENT_NAME = "Demo: Acme support assistant";
const MODEL = "gpt-4o-mini";
const SYSTEM_PROMPT = "You are Acme Cloud's support assistant. Answer only from the context. Be concise.";

function endUserFeedback(f: RagExample["feedback"]): AssessmentSpec[] {
  if (!f) return [];
  return [
    {
      name: "user_feedback",
      kind: "FEEDBACK",
      value: f.value,
      rationale: f.comment,
      sourceType: "HUMAN",
      sourceId: f.user,
    },
  ];
}

function ragTrace(experimentId: string, ex: RagExample, timestampMs: number, i: number): TraceSpec {
  const context = ex.docs.map((d) => d.text).join("\n\n");
  const promptTokens = 180 + context.length / 4;
  const completionTokens = ex.answer.length / 4;
  return {
    experimentId,
    timestampMs,
    tags: { env: i % 3 === 0 ? "staging" : "prod", app_version: "1.4.2" },
    metadata: {
      "mlflow.trace.user": ex.feedback?.user ?? `user-${1000 + i}`,
      "mlflow.trace.session": `session-${200 + Math.floor(i / 2)}`,
    },
    assessments: endUserFeedback(ex.feedback),
    root: {
      name: "rag_pipeline",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 1400 + i * 37,
      inputs: { messages: [{ role: "user", content: ex.question }] },
      outputs: { choices: [{ index: 0, message: { role: "assistant", content: ex.answer }, finish_reason: "stop" }] },
      children: [
        {
          name: "embed_query",
          spanType: "EMBEDDING",
          startMs: 5,
          durationMs: 40,
          inputs: { input: ex.question, model: "text-embedding-3-small" },
          outputs: { dimensions: 1536 },
        },
        {
          name: "retrieve_docs",
          spanType: "RETRIEVER",
          startMs: 50,
          durationMs: 120,
          inputs: { query: ex.question, top_k: 4 },
          outputs: ex.docs.map((d, k) => ({
            id: `chunk-${i}-${k}`,
            page_content: d.text,
            metadata: { doc_uri: d.uri, chunk_id: `${k}`, score: d.score },
          })),
        },
        {
          name: "chat_completion",
          spanType: "CHAT_MODEL",
          startMs: 190,
          durationMs: 1150 + i * 30,
          model: MODEL,
          inputTokens: Math.round(promptTokens),
          outputTokens: Math.round(completionTokens),
          attributes: {
            "mlflow.chat.tokenUsage": {
              input_tokens: Math.round(promptTokens),
              output_tokens: Math.round(completionTokens),
            },
            "mlflow.message.format": "openai",
          },
          inputs: {
            model: MODEL,
            temperature: 0.1,
            messages: [
              { role: "system", content: SYSTEM_PROMPT },
              { role: "user", content: `Context:\n${context}\n\nQuestion: ${ex.question}` },
            ],
          },
          outputs: {
            id: `chatcmpl-demo${i}`,
            object: "chat.completion",
            model: MODEL,
            choices: [{ index: 0, message: { role: "assistant", content: ex.answer }, finish_reason: "stop" }],
            usage: { prompt_tokens: Math.round(promptTokens), completion_tokens: Math.round(completionTokens) },
          },
        },
      ],
    },
  };
}

function agentTrace(experimentId: string, ex: AgentExample, timestampMs: number, i: number): TraceSpec {
  const toolCall = {
    id: `call_${i}`,
    type: "function",
    function: { name: "lookup_order", arguments: JSON.stringify({ order_id: ex.orderId }) },
  };
  const failed = Boolean(ex.error);
  return {
    experimentId,
    timestampMs,
    tags: { env: "prod", app_version: "1.4.2", agent: "orders" },
    metadata: {
      "mlflow.trace.user": ex.feedback?.user ?? `user-${8000 + i}`,
      "mlflow.trace.session": `session-agent-${i}`,
    },
    assessments: endUserFeedback(ex.feedback),
    root: {
      name: "support_agent",
      spanType: "AGENT",
      startMs: 0,
      durationMs: failed ? 900 : 2600 + i * 90,
      status: failed ? "ERROR" : "OK",
      statusMessage: ex.error,
      inputs: { messages: [{ role: "user", content: ex.request }] },
      outputs: failed ? undefined : { messages: [{ role: "assistant", content: ex.answer }] },
      children: [
        {
          name: "plan",
          spanType: "CHAT_MODEL",
          startMs: 10,
          durationMs: 700,
          model: MODEL,
          inputTokens: 240,
          outputTokens: 30,
          inputs: {
            model: MODEL,
            messages: [
              { role: "system", content: "You help customers with their orders. Use tools." },
              { role: "user", content: ex.request },
            ],
            tools: [
              {
                type: "function",
                function: {
                  name: "lookup_order",
                  parameters: { type: "object", properties: { order_id: { type: "string" } } },
                },
              },
            ],
          },
          outputs: {
            choices: [
              {
                index: 0,
                message: { role: "assistant", content: null, tool_calls: [toolCall] },
                finish_reason: "tool_calls",
              },
            ],
          },
        },
        {
          name: "lookup_order",
          spanType: "TOOL",
          startMs: 720,
          durationMs: 150,
          status: failed ? "ERROR" : "OK",
          statusMessage: ex.error,
          inputs: { order_id: ex.orderId },
          outputs: ex.order ?? undefined,
          events: failed
            ? [
                {
                  name: "exception",
                  offsetMs: 860,
                  attributes: {
                    "exception.type": "OrderNotFoundError",
                    "exception.message": ex.error!,
                    "exception.stacktrace": `Traceback (most recent call last):\n  File "tools.py", line 42, in lookup_order\n    raise OrderNotFoundError(order_id)\n${ex.error}`,
                  },
                },
              ]
            : [],
        },
        ...(failed
          ? []
          : [
              {
                name: "respond",
                spanType: "CHAT_MODEL",
                startMs: 890,
                durationMs: 1500 + i * 80,
                model: MODEL,
                inputTokens: 310,
                outputTokens: Math.round(ex.answer.length / 4),
                inputs: {
                  model: MODEL,
                  messages: [
                    { role: "user", content: ex.request },
                    { role: "assistant", content: null, tool_calls: [toolCall] },
                    { role: "tool", tool_call_id: toolCall.id, content: JSON.stringify(ex.order) },
                  ],
                },
                outputs: {
                  choices: [{ index: 0, message: { role: "assistant", content: ex.answer }, finish_reason: "stop" }],
                },
              },
            ]),
      ],
    },
  };
}

/** Creates the demo experiment with its traces; does nothing when it exists. Returns its id. */
export async function loadDemoData(db: Db, now = Date.now()): Promise<string> {
  const existing = await db.experiment.findUnique({ where: { name: DEMO_EXPERIMENT_NAME } });
  if (existing) return existing.id;
  const id = newExperimentId();
  await db.experiment.create({ data: { id, name: DEMO_EXPERIMENT_NAME, artifactLocation: `mlflow-artifacts:/${id}` } });
  const all = [
    ...RAG_EXAMPLES.map((ex, i) => (t: number) => ragTrace(id, ex, t, i)),
    ...AGENT_EXAMPLES.map((ex, i) => (t: number) => agentTrace(id, ex, t, i)),
  ];
  // Spread over the last two days, newest last, interleaving RAG and agent requests.
  const step = (2 * 86_400_000) / all.length;
  for (let i = 0; i < all.length; i++) {
    const build = all[(i * 5) % all.length]!;
    await insertTrace(db, build(now - 2 * 86_400_000 + Math.round(i * step)));
  }
  return id;
}
