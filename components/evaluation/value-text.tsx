/** Untrusted trace/dataset content as plain text: strings as is, anything else as JSON. Clamped unless `full`. */
export function ValueText({
  value,
  full = false,
  className = "",
}: {
  value: unknown;
  full?: boolean;
  className?: string;
}) {
  const text =
    value === null || value === undefined
      ? "—"
      : typeof value === "string"
        ? value
        : JSON.stringify(value, null, full ? 2 : undefined);
  return <span className={`whitespace-pre-wrap break-words ${full ? "" : "line-clamp-4"} ${className}`}>{text}</span>;
}
