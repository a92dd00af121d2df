/**
 * The review form's state and its conversion to a submit body. Pure and client-safe: the form
 * keeps what the reviewer typed (numbers as text, list entries as lines) and this module turns
 * it into `answers` for `validateAnswers` and the submit API, leaving unanswered questions out.
 */
import type { TValidatedAnswer } from "@/lib/labeling/label-input";
import type { TLabelSchemaDefinition, TLabelSchemaInput, TLabelSchemaType } from "@/lib/labeling/schemas";

/** What one question's inputs hold while the reviewer works. */
export type TFormAnswer = { value: string | string[]; comment: string };
export type TFormState = Record<string, TFormAnswer>;

/** The fields of a label schema DTO the form needs (LabelSchemaDto satisfies it). */
export type TFormSchema = {
  name: string;
  type: TLabelSchemaType;
  title: string;
  instruction: string | null;
  enableComment: boolean;
  input: TLabelSchemaInput;
};

export const toDefinitions = (schemas: readonly TFormSchema[]): TLabelSchemaDefinition[] =>
  schemas.map((s) => ({
    name: s.name,
    type: s.type,
    title: s.title,
    instruction: s.instruction ?? undefined,
    enableComment: s.enableComment,
    input: s.input,
  }));

export function emptyAnswer(input: TLabelSchemaInput): TFormAnswer {
  return { value: input.type === "categorical_list" ? [] : "", comment: "" };
}

/** Form state from saved answers (a draft or an earlier submission); unknown keys are dropped. */
export function formStateFrom(
  schemas: readonly TFormSchema[],
  saved: Record<string, unknown> | null | undefined,
): TFormState {
  const state: TFormState = {};
  for (const s of schemas) {
    const raw = saved?.[s.name] as { value?: unknown; comment?: unknown } | undefined;
    const answer = emptyAnswer(s.input);
    const v = raw?.value;
    if (s.input.type === "categorical_list") answer.value = Array.isArray(v) ? v.map(String) : [];
    else if (s.input.type === "text_list")
      answer.value = Array.isArray(v) ? v.map(String).join("\n") : typeof v === "string" ? v : "";
    else if (v !== undefined && v !== null) answer.value = String(v);
    if (typeof raw?.comment === "string") answer.comment = raw.comment;
    state[s.name] = answer;
  }
  return state;
}

/** Whether the reviewer has given this question an answer yet. */
export function isAnswered(a: TFormAnswer | undefined): boolean {
  if (!a) return false;
  return Array.isArray(a.value) ? a.value.length > 0 : a.value.trim() !== "";
}

/**
 * The submit body's `answers`: answered questions only, values in the type the schema wants
 * (numbers parsed, list text split into one entry per non-blank line). Invalid input is passed
 * on as typed so `validateAnswers` reports it with its usual message.
 */
export function toAnswers(
  schemas: readonly TFormSchema[],
  state: TFormState,
): Record<string, { value: unknown; comment?: string }> {
  const out: Record<string, { value: unknown; comment?: string }> = {};
  for (const s of schemas) {
    const a = state[s.name];
    if (!isAnswered(a)) continue;
    let value: unknown = a.value;
    if (s.input.type === "numeric") {
      const text = String(a.value).trim();
      value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : text;
    } else if (s.input.type === "text_list") {
      value = String(a.value)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    }
    out[s.name] = s.enableComment && a.comment.trim() ? { value, comment: a.comment } : { value };
  }
  return out;
}

/** Short text for a submitted answer value in tables. */
export function formatAnswerValue(a: TValidatedAnswer | undefined): string {
  if (!a) return "";
  return Array.isArray(a.value) ? a.value.join(", ") : String(a.value);
}
