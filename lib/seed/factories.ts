/**
 * Factories that write whole traces (trace row, spans, tags, metadata, assessments) in one
 * transaction. Demo data and tests use them; ingestion has its own batched writer.
 */
import { refreshTraceCosts } from "../costs/trace-costs";
import type { Db } from "../db/client";
import { newAssessmentId, newSpanId, randomHex } from "../ids";

export interface SpanSpec {
  name: string;
  spanType: string;
  /** Offsets from the trace start, in milliseconds. */
  startMs: number;
  durationMs: number;
  inputs?: unknown;
  outputs?: unknown;
  attributes?: Record<string, unknown>;
  status?: "OK" | "ERROR";
  statusMessage?: string;
  events?: { name: string; offsetMs: number; attributes: Record<string, unknown> }[];
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  children?: SpanSpec[];
}

export interface AssessmentSpec {
  name: string;
  kind: "FEEDBACK" | "EXPECTATION";
  value: unknown;
  rationale?: string;
  sourceType: "HUMAN" | "LLM_JUDGE" | "CODE";
  sourceId: string;
  /** Name of the span it is attached to; the trace when omitted. */
  spanName?: string;
}

export interface TraceSpec {
  experimentId: string;
  timestampMs: number;
  root: SpanSpec;
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  assessments?: AssessmentSpec[];
  traceId?: string;
  clientRequestId?: string;
}

interface FlatSpan {
  spanId: string;
  parentSpanId: string | null;
  spec: SpanSpec;
}

function flatten(spec: SpanSpec, parent: string | null, out: FlatSpan[]): void {
  const spanId = newSpanId();
  out.push({ spanId, parentSpanId: parent, spec });
  for (const child of spec.children ?? []) flatten(child, spanId, out);
}

const preview = (v: unknown) => (v === undefined ? null : JSON.stringify(v).slice(0, 1000));
const ms = (n: number) => BigInt(Math.round(n * 1_000_000));

/** Inserts one trace and everything in it; returns its id. */
export async function insertTrace(db: Db, spec: TraceSpec): Promise<string> {
  const traceId = spec.traceId ?? `tr-${randomHex(16)}`;
  const spans: FlatSpan[] = [];
  flatten(spec.root, null, spans);
  const startNs = BigInt(spec.timestampMs) * 1_000_000n;
  const sum = (f: (s: SpanSpec) => number | undefined) =>
    spans.reduce<number | null>((acc, s) => (f(s.spec) == null ? acc : (acc ?? 0) + f(s.spec)!), null);
  const inputTokens = sum((s) => s.inputTokens);
  const outputTokens = sum((s) => s.outputTokens);
  const state = spec.root.status === "ERROR" ? "ERROR" : "OK";
  await db.$transaction(async (tx) => {
    await tx.trace.create({
      data: {
        id: traceId,
        experimentId: spec.experimentId,
        clientRequestId: spec.clientRequestId ?? null,
        timestampMs: BigInt(spec.timestampMs),
        executionTimeMs: BigInt(Math.round(spec.root.durationMs)),
        state,
        requestPreview: preview(spec.root.inputs),
        responsePreview: preview(spec.root.outputs),
        name: spec.root.name,
        inputTokens,
        outputTokens,
        totalTokens: inputTokens == null && outputTokens == null ? null : (inputTokens ?? 0) + (outputTokens ?? 0),
        spanCount: spans.length,
        sessionId: spec.metadata?.["mlflow.trace.session"] ?? null,
        tags: {
          create: Object.entries({ "mlflow.traceName": spec.root.name, ...spec.tags }).map(([key, value]) => ({
            key,
            value,
          })),
        },
        metadata: {
          create: Object.entries({ "mlflow.trace_schema.version": "3", ...spec.metadata }).map(([key, value]) => ({
            key,
            value,
          })),
        },
      },
    });
    await tx.span.createMany({
      data: spans.map(({ spanId, parentSpanId, spec: s }) => ({
        traceId,
        spanId,
        parentSpanId,
        name: s.name,
        spanType: s.spanType,
        startTimeNs: startNs + ms(s.startMs),
        endTimeNs: startNs + ms(s.startMs + s.durationMs),
        statusCode: s.status ?? "OK",
        statusMessage: s.statusMessage ?? null,
        inputs: s.inputs === undefined ? null : JSON.stringify(s.inputs),
        outputs: s.outputs === undefined ? null : JSON.stringify(s.outputs),
        attributes: JSON.stringify({ "mlflow.spanType": s.spanType, ...s.attributes }),
        events: JSON.stringify(
          (s.events ?? []).map((e) => ({
            name: e.name,
            timeUnixNano: String(startNs + ms(e.offsetMs)),
            attributes: e.attributes,
          })),
        ),
        model: s.model ?? null,
        inputTokens: s.inputTokens ?? null,
        outputTokens: s.outputTokens ?? null,
      })),
    });
    await refreshTraceCosts(tx, [traceId]);
    for (const a of spec.assessments ?? []) {
      const span = a.spanName ? spans.find((s) => s.spec.name === a.spanName) : undefined;
      await tx.assessment.create({
        data: {
          id: newAssessmentId(),
          traceId,
          spanId: span?.spanId ?? null,
          name: a.name,
          kind: a.kind,
          value: JSON.stringify(a.value),
          rationale: a.rationale ?? null,
          sourceType: a.sourceType,
          sourceId: a.sourceId,
          createdAt: new Date(spec.timestampMs + spec.root.durationMs + 60_000),
        },
      });
    }
  });
  return traceId;
}
