/**
 * JSON helpers shared by every decoder: a parse that keeps 64-bit integers exact, MLflow's
 * "JSON-encoded string, else raw" attribute convention, and the JSON text of a value.
 */
import { depthMessage, jsonDepthExceededAt } from "@/lib/security/json-depth";

/**
 * JSON.parse that keeps integers beyond 2^53 exact by turning them into decimal strings
 * (nanosecond timestamps are bare 19-digit integers in traces.json). Safe integers and all
 * non-integers stay numbers. The scan only rewrites number tokens outside string literals, then
 * JSON.parse does the real parsing, so invalid JSON still throws a SyntaxError.
 */
export function parseJsonLossless(text: string): unknown {
  let out = "";
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string literal, honouring backslash escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      let integer = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 48 && d <= 57) i++;
        else if (d === 46 || d === 101 || d === 69 || d === 43 || d === 45) {
          integer = false;
          i++;
        } else break;
      }
      const token = text.slice(start, i);
      // 16+ digits may exceed 2^53; keep those exact as strings.
      if (
        integer &&
        token.replace("-", "").length > 15 &&
        /^-?(0|[1-9]\d*)$/.test(token) &&
        !Number.isSafeInteger(Number(token))
      ) {
        out += text.slice(last, start) + `"${token}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  // Hostile input: too deep a document would overflow the recursive steps after parsing. The
  // callers turn this into their 400 ("not valid JSON: ...") or keep an attribute as raw text.
  const deep = jsonDepthExceededAt(text);
  if (deep >= 0) throw new SyntaxError(depthMessage("JSON", deep));
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}

/** MLflow's reader convention: json.loads the value, fall back to the raw string. */
export function parseJsonOrRaw(value: string): unknown {
  try {
    return parseJsonLossless(value);
  } catch {
    return value;
  }
}

/** True when a string looks like JSON text of an object, array or string (not a bare number/word). */
export function looksLikeJsonContainer(value: string): boolean {
  return /^\s*[[{"]/.test(value);
}

/**
 * Decodes the JSON-encoded strings MLflow puts in span attributes.
 *
 * The Python client writes every value JSON-encoded (`"\"LLM\""`), the TS SDK and MLflow 3.11's
 * typed OTLP export write plain values (`"LLM"`). We detect the encoded style per span from
 * MLflow's marker attributes; if encoded, every string is parsed (falling back to the raw
 * string). Otherwise only `mlflow.*` strings that look like JSON objects/arrays/strings are
 * parsed (third-party OTel code often sets `mlflow.spanInputs` to json.dumps output), and other
 * attributes keep their exact string, so a `user.id` of "007" stays "007".
 */
export function decodeAttributeStrings(attrs: Record<string, unknown>): Record<string, unknown> {
  const encoded = isMlflowEncoded(attrs);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value !== "string") out[key] = value;
    else if (encoded) out[key] = parseJsonOrRaw(value);
    else if (key.startsWith("mlflow.") && looksLikeJsonContainer(value)) out[key] = parseJsonOrRaw(value);
    else out[key] = value;
  }
  return out;
}

function isMlflowEncoded(attrs: Record<string, unknown>): boolean {
  for (const key of ["mlflow.traceRequestId", "mlflow.spanType", "mlflow.spanFunctionName"]) {
    const v = attrs[key];
    if (typeof v === "string") return v.startsWith('"');
  }
  return false;
}

/** JSON text of a value for previews; strings that are not JSON are quoted like json.dumps would. */
export function toJsonText(value: unknown): string {
  // A replacer makes JSON.stringify call back into JavaScript for every key (several times
  // slower on a span's attributes); it is only needed for the rare BigInt (an integer beyond
  // 2^53 that parseJsonLossless kept exact), on which the plain call throws a TypeError.
  try {
    return JSON.stringify(value) ?? "null";
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
  }
}
