/**
 * The "Add assessment" form's typed value (client-safe, pure): turns what was typed into the
 * JSON value to send, with a message when it does not fit the chosen type; and formats a
 * value for display in the table and the panel.
 */
import type { JsonValue } from "./schemas";

export const VALUE_TYPES = ["boolean", "number", "text", "categorical", "json"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export type ParsedValue = { ok: true; value: JsonValue } | { ok: false; error: string };

export function parseFormValue(type: ValueType, raw: string, options: readonly string[] = []): ParsedValue {
  const text = raw.trim();
  switch (type) {
    case "boolean":
      if (text === "true" || text === "false") return { ok: true, value: text === "true" };
      return { ok: false, error: "Choose true or false" };
    case "number": {
      if (text === "") return { ok: false, error: "Enter a number" };
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `'${raw}' is not a number` };
    }
    case "text":
      return text ? { ok: true, value: raw } : { ok: false, error: "Enter a value" };
    case "categorical":
      if (!text) return { ok: false, error: "Choose an option" };
      return options.length === 0 || options.includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, error: `Choose one of: ${options.join(", ")}` };
    case "json":
      try {
        return { ok: true, value: JSON.parse(raw) as JsonValue };
      } catch (e) {
        return { ok: false, error: `Invalid JSON: ${(e as Error).message}` };
      }
  }
}

/** The type a stored value is edited as. */
export function valueTypeOf(value: JsonValue): ValueType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "text";
  return "json";
}

/** The text an edit form starts with for a stored value. */
export function formTextOf(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Short display text: booleans (and judges' yes/no) as words, numbers rounded, labels as text (icons are the UI's). */
export function displayValue(value: JsonValue): string {
  if (value === true || value === false) return String(value);
  if (value === null) return "—";
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
