/**
 * Trace-level figures derived from a trace's spans, as MLflow stores them in trace info:
 * request/response previews (JSON text of the root span's inputs/outputs, truncated like
 * `mlflow.traceInputs`/`mlflow.traceOutputs`) and token usage summed over spans.
 */
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { toJsonText } from "./json-values";

/** MLflow truncates the request/response previews to this many characters. */
export const PREVIEW_MAX_CHARS = 1000;

export interface TraceRollups {
  rootSpan: NormalizedSpan | null;
  /** JSON text of the root's inputs, at most PREVIEW_MAX_CHARS; null without a root or inputs. */
  requestPreview: string | null;
  responsePreview: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  sessionId: string | null;
  userId: string | null;
}

/** JSON text of a value cut to `max` characters (never splitting a surrogate pair). */
export function previewOf(value: unknown, max = PREVIEW_MAX_CHARS): string | null {
  if (value === undefined) return null;
  const text = toJsonText(value);
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut);
}

/**
 * The root span: the one without a parent, else (partial traces, where the real root has not
 * arrived) none. Among several parentless spans the earliest wins.
 */
export function findRootSpan(spans: NormalizedSpan[]): NormalizedSpan | null {
  const roots = spans.filter((s) => s.parentSpanId === null);
  if (!roots.length) return null;
  return roots.reduce((a, b) => (b.startTimeNs < a.startTimeNs ? b : a));
}

export function computeTraceRollups(spans: NormalizedSpan[]): TraceRollups {
  const rootSpan = findRootSpan(spans);
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  for (const s of spans) {
    if (s.inputTokens !== null) inputTokens = (inputTokens ?? 0) + s.inputTokens;
    if (s.outputTokens !== null) outputTokens = (outputTokens ?? 0) + s.outputTokens;
  }
  const totalTokens = inputTokens === null && outputTokens === null ? null : (inputTokens ?? 0) + (outputTokens ?? 0);
  // Session and user are trace-wide; prefer the root's, else the first span that has one.
  const ordered = rootSpan ? [rootSpan, ...spans.filter((s) => s !== rootSpan)] : spans;
  return {
    rootSpan,
    requestPreview: rootSpan ? previewOf(rootSpan.inputs) : null,
    responsePreview: rootSpan ? previewOf(rootSpan.outputs) : null,
    inputTokens,
    outputTokens,
    totalTokens,
    sessionId: ordered.find((s) => s.sessionId)?.sessionId ?? null,
    userId: ordered.find((s) => s.userId)?.userId ?? null,
  };
}
