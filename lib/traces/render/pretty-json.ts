/**
 * JSON.stringify for display. Span payloads are already-decoded JSON, but callers may pass
 * anything; this never throws (cycles, BigInt) and shows strings without extra quoting so a
 * plain-text input reads as text.
 */
export function toPrettyJson(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "undefined";
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(
        value,
        (_key, v: unknown) => {
          if (typeof v === "bigint") return v.toString();
          if (typeof v === "object" && v !== null) {
            // Decoded JSON has no shared references, so any repeat is a cycle.
            if (seen.has(v)) return "[Circular]";
            seen.add(v);
          }
          return v;
        },
        2,
      ) ?? String(value)
    );
  } catch {
    return String(value);
  }
}
