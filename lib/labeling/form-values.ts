/**
 * The review form's state and its conversion to a submit body. Pure and client-safe: the form
 * keeps what the reviewer typed (numbers as text, list entries as lines) and this module turns
 * it into `answers` for `validateAnswers` and the submit API, leaving unanswered questions out.
 */
import { z } from "zod";
import { validateAnswers, type TValidatedAnswer } from "@/lib/labeling/label-input";
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

/** "answers.accuracy.value[1]" / "body.answers.accuracy" → "accuracy" (the question an issue is about). */
export function questionOfIssue(path: string): string | null {
  const parts = path.replace(/^body\./, "").split(".");
  return parts[0] === "answers" && parts[1] ? parts[1].replace(/\[.*$/, "") : null;
}

/**
 * The review form's zod contract (for react-hook-form's zodResolver): the form state is turned
 * into `answers` as a submit would send them and checked by the server's own validators
 * (`validateAnswers`), each message on the question it is about. Unanswered questions are fine
 * here; "answer at least one" is the submit handler's check.
 */
export function ZReviewForm(schemas: readonly TFormSchema[]) {
  const definitions = toDefinitions(schemas);
  const answer = z.object({ value: z.union([z.string(), z.array(z.string())]), comment: z.string() });
  return z.record(z.string(), answer).superRefine((state, ctx) => {
    const checked = validateAnswers(definitions, toAnswers(schemas, state));
    if (checked.ok) return;
    const byQuestion = new Map<string, string[]>();
    for (const issue of checked.issues) {
      const q = questionOfIssue(issue.path) ?? schemas[0]?.name ?? "";
      // A list entry's message says which line it is about ("Line 2: must be at most 10 characters").
      const entry = /\.value\[(\d+)\]$/.exec(issue.path);
      const lines = schemas.find((s) => s.name === q)?.input.type === "text_list";
      const message = entry && lines ? `Line ${Number(entry[1]) + 1}: ${issue.message}` : issue.message;
      byQuestion.set(q, [...(byQuestion.get(q) ?? []), message]);
    }
    for (const [q, messages] of byQuestion) ctx.addIssue({ code: "custom", path: [q], message: messages.join("; ") });
  });
}
