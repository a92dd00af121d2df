import type { FieldErrors, FieldValues, Path, UseFormSetError } from "react-hook-form";
import { errorMessage, fieldIssues } from "./api-client";

/**
 * Puts a failed request's errors on the form: each `details.issues[]` entry whose path (without the
 * `body.` / `query.` prefix) names a field of the form goes on that field; everything else, or a
 * non-validation error, goes on `root.server` (shown by `<FormError>`). `fields` lists the form's field
 * names, or maps the contract's names to them where they differ (`{ value: "valueText" }`).
 * Returns the number of issues mapped onto fields.
 */
export function applyServerErrors<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[] | Record<string, string>,
): number {
  const names: Record<string, string> = Array.isArray(fields)
    ? Object.fromEntries(fields.map((f) => [f, f]))
    : (fields as Record<string, string>);
  const unmatched: string[] = [];
  let mapped = 0;
  for (const issue of fieldIssues(err)) {
    const path = issue.path.replace(/^(body|query|params)\./, "");
    const key = Object.keys(names).find((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`));
    if (key) {
      setError(names[key] as Path<T>, { type: "server", message: issue.message }, { shouldFocus: mapped === 0 });
      mapped++;
    } else unmatched.push(`${fieldWords(path)}: ${issue.message}`);
  }
  if (!mapped || unmatched.length) {
    setError("root.server" as Path<T>, { type: "server", message: unmatched.join("; ") || errorMessage(err) });
  }
  return mapped;
}

/**
 * A contract path in words for a message that has no field of its own on the form:
 * `assignedUsers[2]` → "assigned users #3", `input.minValue` → "input › min value".
 */
export function fieldWords(path: string): string {
  return path
    .replace(/^(body|query|params)\./, "")
    .replace(/\[(\d+)\]/g, (_, i: string) => ` #${Number(i) + 1}`)
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase())
    .join(" › ");
}

/**
 * Every message on a form, field by field, without repeats: for forms whose contract puts
 * cross-field rules on the root or on nested fields that have no input of their own.
 */
export function allFormMessages(errors: FieldErrors): string[] {
  const out: string[] = [];
  const walk = (e: unknown) => {
    if (!e || typeof e !== "object") return;
    const m = (e as { message?: unknown }).message;
    if (typeof m === "string" && m) out.push(m);
    for (const [k, v] of Object.entries(e)) if (k !== "ref" && k !== "message" && k !== "type") walk(v);
  };
  walk(errors);
  return [...new Set(out)];
}
