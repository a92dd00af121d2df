/**
 * Reader for MLflow's `traces.json` artifact (`{"spans": [...]}`) in every shape clients have
 * written (docs/mlflow-compatibility.md §6):
 * - v3 (3.x Python): base64 ids, `parent_span_id` null, attributes as JSON-encoded strings;
 * - v3 from the TS SDK: attributes as plain JSON values, root `parent_span_id` "", and a span
 *   `trace_id` that is garbage (base64 of the text "tr-..."), hence the caller-provided trace id;
 * - 3.5: hex ids (trace id possibly "tr-" form), status code "OK";
 * - v2 (MLflow 2.x): `context.{trace_id,span_id}` hex (often "0x"-prefixed), `parent_id`,
 *   `start_time`/`end_time`, `status_code`/`status_message`, events with `timestamp`.
 * Nanosecond times are bare 64-bit integers, so the text is parsed with parseJsonLossless.
 */
import { AppError } from "@/lib/errors";
import type { DecodedSpan, NormalizedSpan, NormalizedSpanEvent, SpanStatusCode } from "@/lib/ingestion/types";
import { decodeAttributeStrings, parseJsonLossless } from "@/lib/ingestion/mapping/json-values";
import { normalizeSpan } from "@/lib/ingestion/mapping/normalize-span";
import { canonicalTraceId, parseIdFlexible } from "@/lib/ids";

/** A traces.json body that cannot be read; 400 so clients do not retry. */
export class TracesJsonError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, "INVALID_PARAMETER_VALUE", message, details);
  }
}

export interface TracesJsonOptions {
  /** The MLflow trace id ("tr-<32 hex>") from the upload path; span trace_id fields are not trusted. */
  traceId: string;
}

/** Parses a traces.json body into NormalizedSpans of the given trace. Throws TracesJsonError. */
export function parseTracesJson(body: string | Uint8Array, options: TracesJsonOptions): NormalizedSpan[] {
  let text: string;
  try {
    text = typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new TracesJsonError("traces.json is not valid UTF-8");
  }
  let doc: unknown;
  try {
    doc = parseJsonLossless(text);
  } catch (err) {
    throw new TracesJsonError(`traces.json is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return normalizeTracesJsonDocument(doc, options);
}

/** Same as parseTracesJson for an already parsed document (64-bit times as strings or numbers). */
export function normalizeTracesJsonDocument(doc: unknown, options: TracesJsonOptions): NormalizedSpan[] {
  const traceId = canonicalTraceId(options.traceId);
  if (!traceId)
    throw new TracesJsonError(`trace id '${options.traceId}' is not an MLflow trace id (tr- followed by 32 hex chars)`);
  return decodeTracesJsonDocument(doc).map((span) => normalizeSpan(span, { traceId }));
}

/** The spans of a traces.json document, decoded but not yet mapped. */
export function decodeTracesJsonDocument(doc: unknown): DecodedSpan[] {
  const spans = Array.isArray(doc) ? doc : isRecord(doc) ? doc.spans : undefined;
  if (!Array.isArray(spans)) throw new TracesJsonError('traces.json must be an object with a "spans" array');
  return spans.map((raw, i) => decodeTracesJsonSpan(raw, `spans[${i}]`));
}

export function decodeTracesJsonSpan(raw: unknown, where = "span"): DecodedSpan {
  if (!isRecord(raw)) throw new TracesJsonError(`${where} must be an object`);
  const context = isRecord(raw.context) ? raw.context : {};
  const spanIdRaw = raw.span_id ?? context.span_id;
  if (typeof spanIdRaw !== "string" || spanIdRaw === "") throw new TracesJsonError(`${where}.span_id is missing`);
  const spanId = parseIdFlexible(spanIdRaw, 8);
  if (!spanId) throw new TracesJsonError(`${where}.span_id '${spanIdRaw}' is not an 8-byte id in base64 or hex`);

  const parentRaw = "parent_span_id" in raw ? raw.parent_span_id : raw.parent_id;
  let parentSpanId: string | null = null;
  if (typeof parentRaw === "string" && parentRaw !== "") {
    parentSpanId = parseIdFlexible(parentRaw, 8);
    if (!parentSpanId)
      throw new TracesJsonError(`${where}.parent_span_id '${parentRaw}' is not an 8-byte id in base64 or hex`);
  }

  const start = toNanos(raw.start_time_unix_nano ?? raw.start_time, `${where}.start_time_unix_nano`);
  if (start === null) throw new TracesJsonError(`${where}.start_time_unix_nano is missing`);
  const status = isRecord(raw.status) ? raw.status : {};

  return {
    otelTraceIdHex: otelTraceIdOf(raw.trace_id ?? context.trace_id),
    spanId,
    parentSpanId,
    name: typeof raw.name === "string" ? raw.name : "",
    kind: 0,
    startTimeNs: start,
    endTimeNs: toNanos(raw.end_time_unix_nano ?? raw.end_time, `${where}.end_time_unix_nano`),
    statusCode: statusCodeOf(status.code ?? raw.status_code),
    statusMessage: nonEmpty(status.message ?? raw.status_message),
    attributes: withLegacyFields(decodeAttributeStrings(isRecord(raw.attributes) ? raw.attributes : {}), raw),
    events: Array.isArray(raw.events) ? raw.events.map((e, i) => eventOf(e, `${where}.events[${i}]`)) : [],
    resourceAttributes: {},
  };
}

function otelTraceIdOf(v: unknown): string | null {
  if (typeof v !== "string") return null;
  return canonicalTraceId(v)?.slice(3) ?? parseIdFlexible(v, 16);
}

function toNanos(v: unknown, where: string): bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v);
  throw new TracesJsonError(`${where} must be an integer number of nanoseconds`);
}

function statusCodeOf(v: unknown): SpanStatusCode {
  const s = String(v ?? "")
    .toUpperCase()
    .replace(/^STATUS_CODE_/, "");
  if (s === "OK" || s === "1") return "OK";
  if (s === "ERROR" || s === "2") return "ERROR";
  return "UNSET";
}

function eventOf(e: unknown, where: string): NormalizedSpanEvent {
  if (!isRecord(e)) throw new TracesJsonError(`${where} must be an object`);
  const time = toNanos(e.time_unix_nano ?? e.timestamp, `${where}.time_unix_nano`) ?? 0n;
  return {
    name: typeof e.name === "string" ? e.name : "",
    timeUnixNano: time.toString(),
    attributes: isRecord(e.attributes) ? e.attributes : {},
  };
}

/** Some MLflow 2 writers put span_type/inputs/outputs at the top level instead of attributes. */
function withLegacyFields(attrs: Record<string, unknown>, raw: Record<string, unknown>): Record<string, unknown> {
  const out = { ...attrs };
  const legacy: [string, string][] = [
    ["span_type", "mlflow.spanType"],
    ["inputs", "mlflow.spanInputs"],
    ["outputs", "mlflow.spanOutputs"],
  ];
  for (const [field, key] of legacy) if (raw[field] !== undefined && out[key] === undefined) out[key] = raw[field];
  return out;
}

function nonEmpty(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}
