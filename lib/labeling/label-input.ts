/**
 * Validation of reviewers' answers against label schemas, and the rule for which edits a
 * label schema that already has labels may take. Pure and client-safe: the review form uses
 * the same validators as the submit action, so a reviewer sees the server's messages early.
 */
import { z } from "zod";
import { MAX_COMMENT_CHARS, type TLabelSchemaDefinition, type TLabelSchemaInput } from "@/lib/labeling/schemas";

/** What an answer's value is after validation, per input type. */
export type TAnswerValue = string | number | string[];
export type TValidatedAnswer = { value: TAnswerValue; comment?: string };
export type TAnswerIssue = { path: string; message: string };
export type TValidateAnswersResult =
  { ok: true; answers: Record<string, TValidatedAnswer> } | { ok: false; issues: TAnswerIssue[] };

const quoteList = (options: readonly string[]) => options.join(", ");
const chars = (n: number) => `${n} character${n === 1 ? "" : "s"}`;

/** One option out of `options`, with the message the reviewer will read. */
function optionOf(options: readonly string[]) {
  return z.string({ error: `must be one of: ${quoteList(options)}` }).superRefine((v, ctx) => {
    if (!options.includes(v)) ctx.addIssue({ code: "custom", message: `'${v}' is not one of: ${quoteList(options)}` });
  });
}

/** Non-empty text (after trimming, which is also what gets stored) of at most `max` characters. */
function text(max: number | undefined) {
  const base = z.string({ error: "must be text" }).trim().min(1, "must not be empty");
  return max === undefined ? base : base.max(max, `must be at most ${chars(max)}`);
}

/** The zod schema for one answer's *value* for a given input. */
export function buildValueValidator(input: TLabelSchemaInput): z.ZodType<TAnswerValue> {
  switch (input.type) {
    case "categorical":
      return optionOf(input.options);
    case "categorical_list":
      return z
        .array(optionOf(input.options), { error: "must be a list of options" })
        .min(1, "must select at least one option")
        .superRefine((values, ctx) => {
          const seen = new Set<string>();
          values.forEach((v, i) => {
            if (seen.has(v)) ctx.addIssue({ code: "custom", path: [i], message: `'${v}' is selected more than once` });
            seen.add(v);
          });
        });
    case "text":
      return text(input.maxLength);
    case "text_list": {
      const list = z
        .array(text(input.maxLengthEach), { error: "must be a list of text entries" })
        .min(1, "must have at least one entry");
      const max = input.maxCount;
      return max === undefined ? list : list.max(max, `must have at most ${max} entr${max === 1 ? "y" : "ies"}`);
    }
    case "numeric": {
      // JSON cannot carry NaN/Infinity, but a form could hand them over; zod rejects them as
      // non-numbers, and the message says why.
      let n: z.ZodType<number> = z.number({
        error: (iss) => (typeof iss.input === "number" ? "must be a finite number" : "must be a number"),
      });
      if (input.minValue !== undefined) n = n.refine((v) => v >= input.minValue!, `must be at least ${input.minValue}`);
      if (input.maxValue !== undefined) n = n.refine((v) => v <= input.maxValue!, `must be at most ${input.maxValue}`);
      return n;
    }
  }
}

/**
 * The zod schema for one whole answer (`{ value, comment? }`) to `schema`. A non-empty comment
 * is rejected when the schema does not enable comments, so nothing is stored that the UI
 * never shows; an empty or blank comment is dropped.
 */
export function buildAnswerValidator(
  schema: Pick<TLabelSchemaDefinition, "input" | "enableComment">,
): z.ZodType<TValidatedAnswer> {
  const comment = z
    .string({ error: "must be text" })
    .trim()
    .max(MAX_COMMENT_CHARS, `must be at most ${chars(MAX_COMMENT_CHARS)}`)
    .optional()
    .transform((c) => (c ? c : undefined))
    .refine((c) => schema.enableComment || c === undefined, "comments are not enabled for this question");
  return z
    .object({ value: buildValueValidator(schema.input), comment }, { error: "must be an object with a value" })
    .transform(({ value, comment: c }) => (c === undefined ? { value } : { value, comment: c }));
}

/**
 * buildAnswerValidator once per schema definition: building a zod schema (and the parser zod
 * compiles on its first use) costs far more than a parse, and every Submit validates its answers.
 * Definitions are immutable and cached with their session (lib/labeling/sessions/access.ts).
 */
const validators = new WeakMap<object, z.ZodType<TValidatedAnswer>>();
function answerValidator(schema: TLabelSchemaDefinition): z.ZodType<TValidatedAnswer> {
  let validator = validators.get(schema);
  if (!validator) validators.set(schema, (validator = buildAnswerValidator(schema)));
  return validator;
}

/** `answers.accuracy.value[2]` style paths: dots for keys, brackets for list positions. */
function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("");
}

/**
 * Validates a reviewer's answers (keyed by label schema name) against the session's schemas.
 * Unknown names are reported, not ignored, so a client typo cannot silently lose a label.
 * With `requireAll`, every schema must be answered (used when an item is marked complete).
 */
export function validateAnswers(
  schemas: readonly TLabelSchemaDefinition[],
  answers: Record<string, unknown>,
  opts: { requireAll?: boolean } = {},
): TValidateAnswersResult {
  const byName = new Map(schemas.map((s) => [s.name, s]));
  const issues: TAnswerIssue[] = [];
  const valid: Record<string, TValidatedAnswer> = {};
  for (const [name, answer] of Object.entries(answers)) {
    const schema = byName.get(name);
    if (!schema) {
      issues.push({
        path: formatPath(["answers", name]),
        message: `is not a question of this session (expected one of: ${quoteList([...byName.keys()])})`,
      });
      continue;
    }
    const parsed = answerValidator(schema).safeParse(answer);
    if (parsed.success) valid[name] = parsed.data;
    else
      for (const issue of parsed.error.issues)
        issues.push({ path: formatPath(["answers", name, ...issue.path]), message: issue.message });
  }
  if (opts.requireAll) {
    for (const name of byName.keys()) {
      if (!(name in answers)) issues.push({ path: formatPath(["answers", name]), message: "is required" });
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, answers: valid };
}

// ------------------------------------------------------------------ edit compatibility

export type TEditCompatibility = { ok: true } | { ok: false; reasons: string[] };

/** `undefined` means "no limit", so it is the largest possible upper bound. */
const shrinks = (before: number | undefined, after: number | undefined) =>
  after !== undefined && (before === undefined || after < before);
const limit = (n: number | undefined, unit: (n: number) => string) => (n === undefined ? "no limit" : unit(n));
const entries = (n: number) => `${n} entr${n === 1 ? "y" : "ies"}`;

/**
 * Whether a label schema that already has labels may change from `before` to `after` without
 * making any existing label invalid. Only widening changes pass: options may be added (and
 * reordered) but not removed or renamed; length and count limits may grow or be lifted;
 * the numeric range may widen. Title, instruction and enableComment are free. The name, the
 * schema type and the input type never change, because existing assessments carry them.
 *
 * With `existingValues` (the values stored so far), the input rule is relaxed to what the data
 * needs: the edit passes when every existing value is still valid under `after`.
 */
export function isEditCompatible(
  before: TLabelSchemaDefinition,
  after: TLabelSchemaDefinition,
  opts: { existingValues?: readonly unknown[] } = {},
): TEditCompatibility {
  const reasons: string[] = [];
  if (before.name !== after.name) {
    reasons.push(
      `The name can't change from '${before.name}' to '${after.name}': it is the name of the labels already recorded.`,
    );
  }
  if (before.type !== after.type) {
    reasons.push(
      `The schema type can't change from ${before.type} to ${after.type}: existing labels were recorded as ${before.type}.`,
    );
  }
  const a = before.input;
  const b = after.input;
  if (a.type !== b.type) {
    reasons.push(`The input type can't change from ${a.type} to ${b.type}: existing labels would no longer fit it.`);
  } else if (opts.existingValues) {
    reasons.push(...valuesThatBreak(b, opts.existingValues));
  } else {
    reasons.push(...narrowings(a, b));
  }
  return reasons.length ? { ok: false, reasons } : { ok: true };
}

function narrowings(a: TLabelSchemaInput, b: TLabelSchemaInput): string[] {
  const out: string[] = [];
  if (
    (a.type === "categorical" || a.type === "categorical_list") &&
    (b.type === "categorical" || b.type === "categorical_list")
  ) {
    const removed = a.options.filter((o) => !b.options.includes(o));
    if (removed.length) {
      out.push(
        `Options can be added but not removed or renamed: ${removed.map((o) => `'${o}'`).join(", ")} ${removed.length === 1 ? "is" : "are"} missing.`,
      );
    }
  }
  if (a.type === "text" && b.type === "text" && shrinks(a.maxLength, b.maxLength)) {
    out.push(
      `The maximum length can grow but not shrink (from ${limit(a.maxLength, chars)} to ${limit(b.maxLength, chars)}).`,
    );
  }
  if (a.type === "text_list" && b.type === "text_list") {
    if (shrinks(a.maxLengthEach, b.maxLengthEach)) {
      out.push(
        `The maximum length of each entry can grow but not shrink (from ${limit(a.maxLengthEach, chars)} to ${limit(b.maxLengthEach, chars)}).`,
      );
    }
    if (shrinks(a.maxCount, b.maxCount)) {
      out.push(
        `The maximum number of entries can grow but not shrink (from ${limit(a.maxCount, entries)} to ${limit(b.maxCount, entries)}).`,
      );
    }
  }
  if (a.type === "numeric" && b.type === "numeric") {
    // A missing bound is unbounded: adding one narrows, removing one widens.
    if (b.minValue !== undefined && (a.minValue === undefined || b.minValue > a.minValue)) {
      out.push(`The minimum can be lowered but not raised (from ${a.minValue ?? "no minimum"} to ${b.minValue}).`);
    }
    if (b.maxValue !== undefined && (a.maxValue === undefined || b.maxValue < a.maxValue)) {
      out.push(`The maximum can be raised but not lowered (from ${a.maxValue ?? "no maximum"} to ${b.maxValue}).`);
    }
  }
  return out;
}

function valuesThatBreak(input: TLabelSchemaInput, values: readonly unknown[]): string[] {
  const validator = buildValueValidator(input);
  const broken = values.filter((v) => !validator.safeParse(v).success);
  if (!broken.length) return [];
  const shown = broken
    .slice(0, 5)
    .map((v) => JSON.stringify(v))
    .join(", ");
  const more = broken.length > 5 ? ` and ${broken.length - 5} more` : "";
  return [
    `${broken.length} existing label${broken.length === 1 ? " is" : "s are"} not valid under the new input: ${shown}${more}.`,
  ];
}
