/**
 * Shapes shared by the ingestion decoders (OTLP, traces.json) and the DB writer.
 * Pure types: no runtime code, safe to import anywhere.
 */

export type SpanStatusCode = "OK" | "ERROR" | "UNSET";

export interface NormalizedSpanEvent {
  name: string;
  /** Nanoseconds since the epoch as a decimal string (64-bit, so never a JS number). */
  timeUnixNano: string;
  attributes: Record<string, unknown>;
}

/**
 * A span decoded from the wire but not yet interpreted: ids are lowercase hex, attributes are
 * plain JSON values (MLflow's JSON-encoded strings already decoded, see `decodeAttributeStrings`).
 * Both the OTLP decoder and the traces.json parser produce this; `normalizeSpan` maps it.
 */
export interface DecodedSpan {
  /** 32 lowercase hex chars (the OTel trace id), or null when the source had no usable one. */
  otelTraceIdHex: string | null;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTel SpanKind number (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
  kind: number;
  startTimeNs: bigint;
  endTimeNs: bigint | null;
  statusCode: SpanStatusCode;
  statusMessage: string | null;
  attributes: Record<string, unknown>;
  events: NormalizedSpanEvent[];
  /** Attributes of the OTLP Resource the span came with (empty for traces.json). */
  resourceAttributes: Record<string, unknown>;
}

export interface NormalizedSpan {
  traceId: string; // "tr-" + 32 lowercase hex
  spanId: string; // 16 lowercase hex
  parentSpanId: string | null;
  name: string;
  spanType: string; // LLM | CHAT_MODEL | RETRIEVER | TOOL | CHAIN | AGENT | EMBEDDING | RERANKER | ...
  startTimeNs: bigint;
  endTimeNs: bigint | null;
  statusCode: SpanStatusCode;
  statusMessage: string | null;
  inputs: unknown; // decoded JSON value, undefined when absent
  outputs: unknown;
  /** Every attribute, decoded to plain JSON values. */
  attributes: Record<string, unknown>;
  events: NormalizedSpanEvent[];
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  sessionId: string | null;
  userId: string | null;
  experimentIdHint: string | null; // from mlflow.experimentId attribute if present
}

/** What the renderers need: a stored span read back from the database is enough. */
export type RenderableSpan = Pick<
  NormalizedSpan,
  | "traceId"
  | "spanId"
  | "parentSpanId"
  | "name"
  | "startTimeNs"
  | "endTimeNs"
  | "statusCode"
  | "statusMessage"
  | "attributes"
  | "events"
> &
  Partial<Pick<NormalizedSpan, "spanType" | "inputs" | "outputs" | "inputTokens" | "outputTokens">>;
