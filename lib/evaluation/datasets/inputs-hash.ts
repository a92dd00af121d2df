/**
 * Record identity inside a dataset, as MLflow computes it: SHA-256 of the inputs serialised like
 * Python's `json.dumps(inputs, sort_keys=True)` (separators ", " and ": ", non-ASCII escaped).
 * Matching Python byte for byte keeps upserts consistent with records merged by MLflow clients.
 */
import { createHash } from "node:crypto";

function pyString(s: string): string {
  // JSON.stringify escapes quotes, backslashes and control characters as Python does; Python's
  // ensure_ascii additionally escapes everything above 0x7e as \uXXXX (UTF-16 units).
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function pyNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : n < 0 ? "-Infinity" : "NaN";
  return String(n);
}

/** Python's `json.dumps(value, sort_keys=True)` for JSON values. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return pyString(value);
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Python sorts by code point; JS's default sort compares UTF-16 units, the same below U+10000.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${pyString(k)}: ${pythonJsonDumps(v)}`).join(", ")}}`;
  }
  return pyString(String(value));
}

export function inputsHash(inputs: unknown): string {
  return createHash("sha256").update(pythonJsonDumps(inputs), "utf8").digest("hex");
}
