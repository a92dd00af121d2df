/**
 * OTLP AnyValue <-> plain JSON values. Input is AnyValue as produced by protobufjs toObject
 * (camelCase, 64-bit ints as strings, bytes as base64); output for the renderer is the snake_case
 * proto JSON MLflow's GetTrace returns.
 */

export interface PlainKeyValue {
  key?: string;
  value?: PlainAnyValue;
}

export interface PlainAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: PlainAnyValue[] };
  kvlistValue?: { values?: PlainKeyValue[] };
  bytesValue?: string;
}

/** A 64-bit integer as a JS number when exact, otherwise its decimal string. */
export function int64ToJson(v: string | number): number | string {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : String(v);
}

/** Decodes one AnyValue. An empty AnyValue (no field set) is null. */
export function anyValueToJson(v: PlainAnyValue | undefined | null): unknown {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return int64ToJson(v.intValue);
  if (v.doubleValue !== undefined) return Number.isFinite(v.doubleValue) ? v.doubleValue : String(v.doubleValue);
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(anyValueToJson);
  if (v.kvlistValue !== undefined) return keyValuesToRecord(v.kvlistValue.values);
  if (v.bytesValue !== undefined) return v.bytesValue;
  return null;
}

/** A KeyValue list as a record; later duplicates win, as in the OTel SDKs. */
export function keyValuesToRecord(kvs: PlainKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of kvs ?? []) {
    if (typeof kv.key === "string") out[kv.key] = anyValueToJson(kv.value);
  }
  return out;
}

export type ProtoJsonAnyValue =
  | { string_value: string }
  | { bool_value: boolean }
  | { int_value: string }
  | { double_value: number }
  | { array_value: { values: ProtoJsonAnyValue[] } }
  | { kvlist_value: { values: { key: string; value: ProtoJsonAnyValue }[] } }
  | Record<string, never>;

/**
 * Encodes a plain JSON value as a typed snake_case AnyValue, the way MLflow's Python client does
 * (dict -> kvlist, list -> array). int64 is a string as in canonical proto JSON. AnyValue has no
 * null: null (and undefined) become an AnyValue with no field set, which MLflow's client and
 * `anyValueToJson` decode as null again (an empty string would come back as "").
 */
export function jsonToProtoJsonAnyValue(v: unknown): ProtoJsonAnyValue {
  if (typeof v === "string") return { string_value: v };
  if (typeof v === "boolean") return { bool_value: v };
  if (typeof v === "bigint") return { int_value: v.toString() };
  if (typeof v === "number") return Number.isInteger(v) ? { int_value: String(v) } : { double_value: v };
  if (Array.isArray(v)) return { array_value: { values: v.map(jsonToProtoJsonAnyValue) } };
  if (v && typeof v === "object") {
    return {
      kvlist_value: {
        values: Object.entries(v as Record<string, unknown>).map(([key, value]) => ({
          key,
          value: jsonToProtoJsonAnyValue(value),
        })),
      },
    };
  }
  return {};
}
