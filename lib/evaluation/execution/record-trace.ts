import "server-only";
/**
 * Each row that produced new outputs (a call to the app, or static outputs from a record) is
 * stored as a trace through the ingestion writer, so every row of a run links to a trace: a root
 * CHAIN span with the row's inputs and outputs and, for app calls, a child span with the raw
 * request and response. The trace carries MLflow's eval markers (tag `mlflow.eval.requestId`,
 * metadata `mlflow.sourceRun`) and is linked to the run.
 */
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { AppCall } from "@/lib/evaluation/execution/app-client";
import { ingestSpans } from "@/lib/ingestion/writer";
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { newSpanId, newTraceId } from "@/lib/ids";
import { SOURCE_RUN_METADATA_KEY } from "@/lib/traces/search";

const ns = (ms: number) => BigInt(ms) * 1_000_000n;

function span(
  traceId: string,
  fields: Partial<NormalizedSpan> & Pick<NormalizedSpan, "name" | "spanType" | "startTimeNs">,
): NormalizedSpan {
  return {
    traceId,
    spanId: newSpanId(),
    parentSpanId: null,
    endTimeNs: fields.startTimeNs,
    statusCode: "OK",
    statusMessage: null,
    inputs: undefined,
    outputs: undefined,
    attributes: { "mlflow.spanType": fields.spanType },
    events: [],
    model: null,
    inputTokens: null,
    outputTokens: null,
    sessionId: null,
    userId: null,
    experimentIdHint: null,
    ...fields,
  };
}

export interface RecordRowTrace {
  experimentId: string;
  runId: string;
  rowId: string;
  inputs: unknown;
  outputs: unknown;
  call?: AppCall;
}

/** Writes the row's trace (in one transaction with its run link) and returns its id. */
export async function recordRowTrace(actor: Actor, r: RecordRowTrace): Promise<string> {
  const traceId = newTraceId();
  const start = r.call?.startMs ?? Date.now();
  const end = r.call?.endMs ?? start;
  const root = span(traceId, {
    name: "evaluation.predict",
    spanType: "CHAIN",
    startTimeNs: ns(start),
    endTimeNs: ns(end),
    inputs: r.inputs,
    outputs: r.outputs ?? undefined,
    statusCode: r.call?.error ? "ERROR" : "OK",
    statusMessage: r.call?.error ?? null,
  });
  const spans = [root];
  if (r.call) {
    const chat = r.call.model !== undefined;
    spans.push(
      span(traceId, {
        parentSpanId: root.spanId,
        name: chat ? "chat.completions" : `POST ${new URL(r.call.url).host}`,
        spanType: chat ? "CHAT_MODEL" : "TOOL",
        startTimeNs: ns(start),
        endTimeNs: ns(end),
        inputs: r.call.request,
        outputs: r.call.response ?? undefined,
        statusCode: r.call.error ? "ERROR" : "OK",
        statusMessage: r.call.error ?? null,
        model: r.call.model ?? null,
        inputTokens: r.call.usage?.input ?? null,
        outputTokens: r.call.usage?.output ?? null,
        attributes: {
          "mlflow.spanType": chat ? "CHAT_MODEL" : "TOOL",
          "http.url": r.call.url,
          ...(r.call.status ? { "http.status_code": r.call.status } : {}),
        },
      }),
    );
  }
  await db().$transaction(
    async (tx) => {
      await ingestSpans(actor, r.experimentId, spans, { tx });
      await tx.traceTag.create({ data: { traceId, key: "mlflow.eval.requestId", value: r.rowId } });
      await tx.traceMetadata.create({ data: { traceId, key: SOURCE_RUN_METADATA_KEY, value: r.runId } });
      await tx.traceRunLink.create({ data: { traceId, runId: r.runId } });
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return traceId;
}

/** Links an existing trace to the run (scoring stored traces), once. */
export async function linkTraceToRun(traceId: string, runId: string): Promise<void> {
  await db().traceRunLink.upsert({
    where: { traceId_runId: { traceId, runId } },
    update: {},
    create: { traceId, runId },
  });
}
