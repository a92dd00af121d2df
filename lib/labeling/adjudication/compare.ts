/**
 * When two answers to one question "agree": the rule adjudication, agreement before/after and
 * gold accuracy share. Pure and client-safe.
 *
 * Categories and booleans agree when equal, multi-select answers when they hold the same
 * options, numbers when they are at most `tolerance` apart. Free text is not compared (two
 * good answers rarely match word for word), so it never sends an item to adjudication.
 */
import { cohenKappa } from "@/lib/assessments/agreement/cohen";
import type { TRatedItem } from "@/lib/assessments/agreement/types";
import { krippendorffAlpha } from "@/lib/assessments/agreement/krippendorff";
import type { TLabelSchemaInput } from "@/lib/labeling/schemas";

/** Whether answers of this input type are compared at all. */
export const isComparable = (input: TLabelSchemaInput): boolean =>
  input.type === "categorical" || input.type === "categorical_list" || input.type === "numeric";

const setKey = (v: unknown) => (Array.isArray(v) ? JSON.stringify([...v].map(String).sort()) : JSON.stringify(v));

/** Two answers agree (see the module comment); a missing answer agrees with nothing. */
export function answersAgree(input: TLabelSchemaInput, a: unknown, b: unknown, tolerance = 0): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (input.type === "numeric") {
    return typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= Math.max(0, tolerance) + 1e-9;
  }
  if (input.type === "categorical_list") return setKey(a) === setKey(b);
  if (typeof a === "string" && typeof b === "string") return a.trim().toLowerCase() === b.trim().toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every answer given agrees with every other (numbers: the spread is within the tolerance). */
export function allAgree(input: TLabelSchemaInput, values: readonly unknown[], tolerance = 0): boolean {
  if (input.type === "numeric") {
    const nums = values.filter((v): v is number => typeof v === "number");
    if (nums.length !== values.length) return false;
    return Math.max(...nums) - Math.min(...nums) <= Math.max(0, tolerance) + 1e-9;
  }
  return values.every((v) => answersAgree(input, values[0], v, tolerance));
}

export interface QuestionDef {
  name: string;
  input: TLabelSchemaInput;
}

/** The questions the reviewers of one item disagree on (only questions two or more of them answered). */
export function disagreedQuestions(
  questions: readonly QuestionDef[],
  labels: readonly { answers: Record<string, { value: unknown } | undefined> }[],
  tolerance = 0,
): string[] {
  return questions
    .filter((q) => isComparable(q.input))
    .filter((q) => {
      const values = labels.map((l) => l.answers[q.name]?.value).filter((v) => v !== undefined && v !== null);
      return values.length >= 2 && !allAgree(q.input, values, tolerance);
    })
    .map((q) => q.name);
}

export interface ItemLabels {
  itemId: string;
  /** `raterId` (the reviewer) is needed for the chance-corrected statistics, not for percent agreement. */
  labels: { raterId?: string; answers: Record<string, { value: unknown } | undefined> }[];
}

/** A chance-corrected statistic before and after adjudication (null: not defined for these data). */
export interface AgreementStatBeforeAfter {
  label: string;
  before: number | null;
  after: number | null;
}

export interface AgreementBeforeAfterDto {
  schema: string;
  /** Items two or more reviewers answered this question on. */
  items: number;
  /** Of those, items where every answer agreed. */
  agreedBefore: number;
  /** Disagreements an adjudicator settled. */
  adjudicated: number;
  /** Share of items agreed before adjudication, and with settled items counted as agreed (null with no items). */
  percentBefore: number | null;
  percentAfter: number | null;
  /**
   * Cohen's kappa (exactly two reviewers, categories) and Krippendorff's alpha (nominal for
   * categories, interval for numbers), before and after: "after" reads every reviewer's answer
   * on a settled item as the adjudicated one. Multi-select answers have none.
   */
  stats: AgreementStatBeforeAfter[];
}

/**
 * Percent agreement per question before adjudication and after it (an item whose disagreement
 * on this question was settled counts as agreed: the dataset carries one answer for it).
 */
export function agreementBeforeAfter(
  questions: readonly QuestionDef[],
  items: readonly ItemLabels[],
  /** itemId → the questions an adjudicator answered on it, with the final answers. */
  adjudicated: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
  tolerance = 0,
): AgreementBeforeAfterDto[] {
  return questions
    .filter((q) => isComparable(q.input))
    .map((q) => {
      let n = 0;
      let agreed = 0;
      let settled = 0;
      for (const item of items) {
        const values = item.labels.map((l) => l.answers[q.name]?.value).filter((v) => v !== undefined && v !== null);
        if (values.length < 2) continue;
        n++;
        if (allAgree(q.input, values, tolerance)) agreed++;
        else if (adjudicated.get(item.itemId)?.[q.name] !== undefined) settled++;
      }
      const pct = (k: number) => (n ? k / n : null);
      return {
        schema: q.name,
        items: n,
        agreedBefore: agreed,
        adjudicated: settled,
        percentBefore: pct(agreed),
        percentAfter: pct(agreed + settled),
        stats: chanceCorrected(q, items, adjudicated),
      };
    });
}

const finiteOrNull = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : null);
function attempt(f: () => number): number | null {
  try {
    return finiteOrNull(f());
  } catch {
    return null; // e.g. Cohen's kappa over other than two reviewers
  }
}

/** κ/α for one question over the reviewers' answers, then with settled items read as their final answer. */
function chanceCorrected(
  q: QuestionDef,
  items: readonly ItemLabels[],
  adjudicated: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): AgreementStatBeforeAfter[] {
  if (q.input.type !== "categorical" && q.input.type !== "numeric") return [];
  const rated = (after: boolean): TRatedItem[] =>
    items.map((item) => {
      const final = after ? adjudicated.get(item.itemId)?.[q.name] : undefined;
      return {
        itemId: item.itemId,
        ratings: item.labels.flatMap((l, i) => {
          const v = final !== undefined && final !== null ? final : l.answers[q.name]?.value;
          return typeof v === "string" || typeof v === "number" ? [{ raterId: l.raterId ?? `#${i}`, value: v }] : [];
        }),
      };
    });
  const before = rated(false);
  const after = rated(true);
  const raters = new Set(before.flatMap((i) => i.ratings.map((r) => r.raterId)));
  const stats: AgreementStatBeforeAfter[] = [];
  if (q.input.type === "categorical") {
    if (raters.size === 2)
      stats.push({
        label: "Cohen's kappa",
        before: attempt(() => cohenKappa(before).kappa),
        after: attempt(() => cohenKappa(after).kappa),
      });
    stats.push({
      label: "Krippendorff's alpha (nominal)",
      before: attempt(() => krippendorffAlpha(before, "nominal").alpha),
      after: attempt(() => krippendorffAlpha(after, "nominal").alpha),
    });
  } else {
    stats.push({
      label: "Krippendorff's alpha (interval)",
      before: attempt(() => krippendorffAlpha(before, "interval").alpha),
      after: attempt(() => krippendorffAlpha(after, "interval").alpha),
    });
  }
  return stats;
}
