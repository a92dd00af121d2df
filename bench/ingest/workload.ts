/** The benchmark's synthetic traces: N traces of M spans (a root CHAIN, children LLM/RETRIEVER/TOOL). */
import { randomBytes } from "node:crypto";
import { ExportTraceServiceRequest } from "../../lib/ingestion/otlp/proto";

const TYPES = ["LLM", "RETRIEVER", "TOOL"];

export interface SpanSpec {
  traceHex: string;
  spanHex: string;
  parentHex: string | null;
  name: string;
  type: string;
  startNs: bigint;
  endNs: bigint;
  input: string;
  output: string;
}

function traceSpecs(n: number, m: number): SpanSpec[][] {
  const base = BigInt(Date.now()) * 1_000_000n;
  return Array.from({ length: n }, (_, t) => {
    const traceHex = randomBytes(16).toString("hex");
    const rootHex = randomBytes(8).toString("hex");
    const start = base + BigInt(t) * 1_000_000_000n;
    return Array.from({ length: m }, (_, i) => ({
      traceHex,
      spanHex: i === 0 ? rootHex : randomBytes(8).toString("hex"),
      parentHex: i === 0 ? null : rootHex,
      name: i === 0 ? "pipeline" : `step_${i}`,
      type: i === 0 ? "CHAIN" : TYPES[i % TYPES.length]!,
      startNs: start + BigInt(i) * 1_000_000n,
      endNs: start + BigInt(i + 1) * 1_000_000n + (i === 0 ? BigInt(m) * 1_000_000n : 0n),
      input: JSON.stringify({ question: `question ${t}/${i}`, context: "x".repeat(200) }),
      output: JSON.stringify({ answer: `answer ${t}/${i}`, detail: "y".repeat(200) }),
    }));
  });
}

const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");

/** OTLP protobuf ExportTraceServiceRequests of `perRequest` whole traces each (1: one per trace). */
export function makeOtlpBodies(n: number, m: number, perRequest = 1): Uint8Array[] {
  const traces = traceSpecs(n, m);
  const bodies: Uint8Array[] = [];
  for (let i = 0; i < traces.length; i += perRequest) bodies.push(otlpBody(traces.slice(i, i + perRequest).flat()));
  return bodies;
}

/** An OTLP protobuf ExportTraceServiceRequest carrying these spans. */
export function otlpBody(spans: SpanSpec[]): Uint8Array {
  return ExportTraceServiceRequest.encode(
    ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "bench" } }] },
          scopeSpans: [
            {
              spans: spans.map((s) => ({
                traceId: b64(s.traceHex),
                spanId: b64(s.spanHex),
                ...(s.parentHex ? { parentSpanId: b64(s.parentHex) } : {}),
                name: s.name,
                kind: 1,
                startTimeUnixNano: s.startNs.toString(),
                endTimeUnixNano: s.endNs.toString(),
                attributes: [
                  { key: "mlflow.spanType", value: { stringValue: JSON.stringify(s.type) } },
                  { key: "mlflow.spanInputs", value: { stringValue: s.input } },
                  { key: "mlflow.spanOutputs", value: { stringValue: s.output } },
                ],
                status: { code: 1 },
              })),
            },
          ],
        },
      ],
    }),
  ).finish();
}

/** The same traces as database rows (what the writer stores), for the direct-insert ceiling. */
export function makeRows(n: number, m: number, experimentId: string) {
  return traceSpecs(n, m).map((spans) => {
    const root = spans[0]!;
    return {
      trace: {
        id: `tr-${root.traceHex}`,
        experimentId,
        timestampMs: root.startNs / 1_000_000n,
        executionTimeMs: (root.endNs - root.startNs) / 1_000_000n,
        state: "OK",
        requestPreview: root.input,
        responsePreview: root.output,
        name: root.name,
        spanCount: spans.length,
      },
      spans: spans.map((s) => ({
        traceId: `tr-${s.traceHex}`,
        spanId: s.spanHex,
        parentSpanId: s.parentHex,
        name: s.name,
        spanType: s.type,
        startTimeNs: s.startNs,
        endTimeNs: s.endNs,
        statusCode: "OK",
        inputs: s.input,
        outputs: s.output,
        attributes: JSON.stringify({
          "mlflow.spanType": s.type,
          "mlflow.spanInputs": JSON.parse(s.input),
          "mlflow.spanOutputs": JSON.parse(s.output),
        }),
        events: "[]",
      })),
      tags: [
        { traceId: `tr-${root.traceHex}`, key: "mlflow.traceName", value: root.name },
        { traceId: `tr-${root.traceHex}`, key: "mlflow.trace.spansLocation", value: "TRACKING_STORE" },
      ],
      metadata: [{ traceId: `tr-${root.traceHex}`, key: "mlflow.trace_schema.version", value: "3" }],
    };
  });
}

/** Spans a trace in the one-span stream. */
export const ONE_SPAN_TRACE_SPANS = 5;

/**
 * `count` one-span OTLP/protobuf bodies, as MLflow's Python client exports by default (every span
 * its own request): traces of ONE_SPAN_TRACE_SPANS spans, children first and the root last (as a
 * client ends them). Used by bench/per-request and bench/mlflow-compare.
 */
export function oneSpanBodies(count: number): { bodies: Uint8Array<ArrayBuffer>[]; traceIds: string[] } {
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  const traceIds: string[] = [];
  const base = BigInt(Date.now()) * 1_000_000n;
  for (let t = 0; bodies.length < count; t++) {
    const traceHex = randomBytes(16).toString("hex");
    const rootHex = randomBytes(8).toString("hex");
    traceIds.push(`tr-${traceHex}`);
    const start = base + BigInt(t) * 1_000_000_000n;
    for (let s = ONE_SPAN_TRACE_SPANS - 1; s >= 0; s--) {
      const spec: SpanSpec = {
        traceHex,
        spanHex: s === 0 ? rootHex : randomBytes(8).toString("hex"),
        parentHex: s === 0 ? null : rootHex,
        name: s === 0 ? "pipeline" : `step_${s}`,
        type: s === 0 ? "CHAIN" : "LLM",
        startNs: start + BigInt(s) * 1_000_000n,
        endNs: start + BigInt(s + 1) * 1_000_000n + (s === 0 ? 10_000_000n : 0n),
        input: JSON.stringify({ question: `question ${t}/${s}` }),
        output: JSON.stringify({ answer: `answer ${t}/${s}` }),
      };
      bodies.push(new Uint8Array(otlpBody([spec])));
    }
  }
  return { bodies, traceIds };
}
