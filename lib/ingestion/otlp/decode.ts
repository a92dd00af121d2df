/**
 * Decoding of an OTLP/HTTP ExportTraceServiceRequest (protobuf or JSON, any Content-Encoding)
 * into DecodedSpans. Both encodings go through the same protobufjs message type so they are
 * validated and normalised identically (enum names, int64 strings, bytes).
 */
import type { DecodedSpan, NormalizedSpanEvent, SpanStatusCode } from "@/lib/ingestion/types";
import { decodeAttributeStrings, parseJsonLossless } from "@/lib/ingestion/mapping/json-values";
import { keyValuesToRecord, type PlainKeyValue } from "./any-value";
import { decompressBody, otlpFormatFromContentType, type OtlpBodyFormat } from "./body";
import { OtlpDecodeError, describeCause } from "./errors";
import { bytesToHex, hexToBase64, isZeroHex } from "@/lib/ids";
import { ExportTraceServiceRequest, PLAIN_OBJECT_OPTIONS } from "./proto";

export interface OtlpTraceRequestInput {
  body: Uint8Array;
  contentType: string | null | undefined;
  contentEncoding?: string | null;
  /** Limit for the decompressed size (default 64 MiB). */
  maxDecompressedBytes?: number;
}

/** Decodes an OTLP/HTTP trace export body. Throws OtlpDecodeError (400, or 415 for content type). */
export function decodeOtlpTraceRequest(input: OtlpTraceRequestInput): DecodedSpan[] {
  const format = otlpFormatFromContentType(input.contentType);
  const raw = decompressBody(input.body, input.contentEncoding, input.maxDecompressedBytes);
  return decodeOtlpTraceBytes(raw, format);
}

/** Decodes an uncompressed body of the given format. */
export function decodeOtlpTraceBytes(raw: Uint8Array, format: OtlpBodyFormat): DecodedSpan[] {
  const request = format === "protobuf" ? decodeProtobuf(raw) : decodeJson(raw);
  const spans = spansFromRequest(request);
  // MLflow answers 400 for a request without spans; for protobuf this also catches bytes that
  // happen to parse as nothing but unknown fields.
  if (spans.length === 0) throw new OtlpDecodeError(`OTLP ${format} ExportTraceServiceRequest contains no spans`);
  return spans;
}

function decodeProtobuf(raw: Uint8Array): PlainRequest {
  try {
    const msg = ExportTraceServiceRequest.decode(raw);
    return ExportTraceServiceRequest.toObject(msg, PLAIN_OBJECT_OPTIONS) as PlainRequest;
  } catch (err) {
    throw new OtlpDecodeError(`body is not a valid OTLP protobuf ExportTraceServiceRequest: ${describeCause(err)}`);
  }
}

function decodeJson(raw: Uint8Array): PlainRequest {
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch (err) {
    throw new OtlpDecodeError(`body is not valid JSON: ${describeCause(err)}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new OtlpDecodeError(
      "body is not an OTLP JSON ExportTraceServiceRequest: expected an object with resourceSpans",
    );
  }
  try {
    const msg = ExportTraceServiceRequest.fromObject(prepareJsonRequest(parsed) as Record<string, unknown>);
    return ExportTraceServiceRequest.toObject(msg, PLAIN_OBJECT_OPTIONS) as PlainRequest;
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw err;
    throw new OtlpDecodeError(`body is not a valid OTLP JSON ExportTraceServiceRequest: ${describeCause(err)}`);
  }
}

const ID_FIELDS: Record<string, number> = { traceId: 16, spanId: 8, parentSpanId: 8 };

/**
 * Makes OTLP JSON digestible for protobufjs fromObject: snake_case keys to camelCase (proto JSON
 * parsers accept both), and hex ids to base64 (OTLP JSON deviates from proto JSON here; MLflow's
 * server does the same conversion). Ids already in base64 are left alone.
 */
function prepareJsonRequest(value: unknown, path = "$"): unknown {
  if (Array.isArray(value)) return value.map((v, i) => prepareJsonRequest(v, `${path}[${i}]`));
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
    const key = rawKey.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const idBytes = ID_FIELDS[key];
    if (idBytes !== undefined && typeof v === "string") {
      out[key] = jsonIdToBase64(v, idBytes, `${path}.${key}`);
    } else {
      out[key] = prepareJsonRequest(v, `${path}.${key}`);
    }
  }
  return out;
}

function jsonIdToBase64(v: string, bytes: number, where: string): string {
  if (v === "") return v;
  if (v.length === bytes * 2 && /^[0-9a-f]+$/i.test(v)) return hexToBase64(v);
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === bytes) return v;
  throw new OtlpDecodeError(`${where} must be a ${bytes}-byte id in hex (or base64), got '${v.slice(0, 64)}'`);
}

interface PlainSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: PlainKeyValue[];
  events?: { timeUnixNano?: string | number; name?: string; attributes?: PlainKeyValue[] }[];
  status?: { code?: number; message?: string };
}

interface PlainRequest {
  resourceSpans?: {
    resource?: { attributes?: PlainKeyValue[] };
    scopeSpans?: { spans?: PlainSpan[] }[];
  }[];
}

const STATUS_CODES: Record<number, SpanStatusCode> = { 0: "UNSET", 1: "OK", 2: "ERROR" };

function spansFromRequest(request: PlainRequest): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  (request.resourceSpans ?? []).forEach((rs, ri) => {
    const resourceAttributes = keyValuesToRecord(rs.resource?.attributes);
    (rs.scopeSpans ?? []).forEach((ss, si) => {
      (ss.spans ?? []).forEach((span, pi) => {
        spans.push(convertSpan(span, resourceAttributes, `resourceSpans[${ri}].scopeSpans[${si}].spans[${pi}]`));
      });
    });
  });
  return spans;
}

function convertSpan(span: PlainSpan, resourceAttributes: Record<string, unknown>, where: string): DecodedSpan {
  const traceId = requireId(span.traceId, 16, `${where}.traceId`);
  const spanId = requireId(span.spanId, 8, `${where}.spanId`);
  const parent = span.parentSpanId ? requireId(span.parentSpanId, 8, `${where}.parentSpanId`) : null;
  const start = span.startTimeUnixNano !== undefined ? BigInt(span.startTimeUnixNano) : 0n;
  const end = span.endTimeUnixNano !== undefined ? BigInt(span.endTimeUnixNano) : null;
  const events: NormalizedSpanEvent[] = (span.events ?? []).map((e) => ({
    name: e.name ?? "",
    timeUnixNano: String(e.timeUnixNano ?? "0"),
    attributes: keyValuesToRecord(e.attributes),
  }));
  return {
    otelTraceIdHex: traceId,
    spanId,
    parentSpanId: parent && !isZeroHex(parent) ? parent : null,
    name: span.name ?? "",
    kind: span.kind ?? 0,
    startTimeNs: start,
    // proto3 cannot tell "unset" from 0: a zero end time means the span has not ended.
    endTimeNs: end && end > 0n ? end : null,
    statusCode: STATUS_CODES[span.status?.code ?? 0] ?? "UNSET",
    statusMessage: span.status?.message ? span.status.message : null,
    attributes: decodeAttributeStrings(keyValuesToRecord(span.attributes)),
    events,
    resourceAttributes,
  };
}

/** Base64 id from toObject -> lowercase hex, or a 400 naming the span and field. */
function requireId(b64: string | undefined, bytes: number, where: string): string {
  const raw = Buffer.from(b64 ?? "", "base64");
  if (raw.length === 0) throw new OtlpDecodeError(`${where} is empty: every span needs a ${bytes}-byte id`);
  if (raw.length !== bytes) throw new OtlpDecodeError(`${where} must be ${bytes} bytes, got ${raw.length}`);
  const hex = bytesToHex(raw);
  if (isZeroHex(hex) && !where.endsWith("parentSpanId"))
    throw new OtlpDecodeError(`${where} is all zeros, which OTLP defines as invalid`);
  return hex;
}
