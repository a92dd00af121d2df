import "server-only";
/**
 * What evaluation reads from stored traces: the root span's inputs/outputs (MLflow's
 * `trace.data.request/response`), the valid expectation assessments, and the figures scorers
 * need (latency, state, span types and outputs for the retrieval judges).
 */
import { db } from "@/lib/db/client";
import type { ScorerTrace } from "@/lib/evaluation/scorers/types";
import { ADJUDICATED_METADATA_KEY } from "@/lib/assessments/schemas";

export function parseJsonText(text: string | null | undefined): unknown {
  if (text == null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Dataset inputs must be an object (MLflow's rule); a bare value becomes `{ request: value }`. */
export function asInputsObject(value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return { request: value ?? null };
}

export interface TraceIo {
  traceId: string;
  experimentId: string;
  inputs: unknown;
  outputs: unknown;
  rootSpanId: string | null;
}

/** Root-span inputs/outputs of each trace (the earliest parentless span is the root). */
export async function loadTraceIo(traceIds: string[]): Promise<Map<string, TraceIo>> {
  if (!traceIds.length) return new Map();
  const [traces, roots] = await Promise.all([
    db().trace.findMany({
      where: { id: { in: traceIds } },
      select: { id: true, experimentId: true, requestPreview: true, responsePreview: true },
    }),
    db().span.findMany({
      where: { traceId: { in: traceIds }, parentSpanId: null },
      select: { traceId: true, spanId: true, inputs: true, outputs: true, startTimeNs: true },
      orderBy: [{ traceId: "asc" }, { startTimeNs: "asc" }],
    }),
  ]);
  const rootByTrace = new Map<string, (typeof roots)[number]>();
  for (const r of roots) if (!rootByTrace.has(r.traceId)) rootByTrace.set(r.traceId, r);
  const out = new Map<string, TraceIo>();
  for (const t of traces) {
    const root = rootByTrace.get(t.id);
    out.set(t.id, {
      traceId: t.id,
      experimentId: t.experimentId,
      // Previews are truncated; use them only when the root span has not arrived.
      inputs: root ? parseJsonText(root.inputs) : parseJsonText(t.requestPreview),
      outputs: root ? parseJsonText(root.outputs) : parseJsonText(t.responsePreview),
      rootSpanId: root?.spanId ?? null,
    });
  }
  return out;
}

/**
 * Valid expectation assessments per trace as `{name: value}`; with several for one name the
 * newest wins. `runId` limits them to one labeling session's labels.
 */
export async function loadExpectations(
  traceIds: string[],
  runId?: string,
): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db().assessment.findMany({
    where: { traceId: { in: traceIds }, kind: "EXPECTATION", valid: true, ...(runId ? { runId } : {}) },
    select: { traceId: true, name: true, value: true, metadata: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  // The newest wins, except that an adjudicated answer (labeling adjudication) wins over every reviewer's.
  const adjudicated = (m: string) => m.includes(`"${ADJUDICATED_METADATA_KEY}":"true"`);
  rows.sort((a, b) => Number(adjudicated(a.metadata)) - Number(adjudicated(b.metadata)));
  const out = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const e = out.get(r.traceId) ?? {};
    e[r.name] = parseJsonText(r.value) ?? null;
    out.set(r.traceId, e);
  }
  return out;
}

/** The trace as scorers see it (latency and error checks, retrieval judges). */
export async function loadScorerTrace(traceId: string): Promise<ScorerTrace | undefined> {
  const t = await db().trace.findUnique({
    where: { id: traceId },
    select: {
      executionTimeMs: true,
      state: true,
      spans: { select: { name: true, spanType: true, outputs: true }, orderBy: { startTimeNs: "asc" } },
    },
  });
  if (!t) return undefined;
  return {
    latencyMs: t.executionTimeMs == null ? null : Number(t.executionTimeMs),
    state: t.state,
    spans: t.spans.map((s) => ({ name: s.name, spanType: s.spanType, outputs: parseJsonText(s.outputs) })),
  };
}
