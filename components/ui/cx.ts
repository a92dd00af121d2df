/** Joins class names, skipping falsy ones (the wrappers' className props add to their base styles). */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
