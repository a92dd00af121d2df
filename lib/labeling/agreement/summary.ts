/**
 * Agreement per question for a session's results view: picks the statistics that fit each
 * input type (see lib/labeling/agreement/index.ts) and ranks the items reviewers disagree on
 * most. Pure and client-safe; NaN (undefined statistics) becomes null so it survives JSON.
 */
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  rankDisagreements,
  type TRatedItem,
} from "@/lib/labeling/agreement";
import type { TLabelSchemaDefinition } from "@/lib/labeling/schemas";

export interface AgreementStatDto {
  /** e.g. "Fleiss' kappa", "Krippendorff's alpha (interval)". */
  label: string;
  value: number | null;
  items: number;
}

export interface SchemaAgreementDto {
  schema: string;
  title: string;
  inputType: string;
  /** Items with at least two answers (the only ones that say anything about agreement). */
  itemsWithMultipleLabels: number;
  raters: number;
  stats: AgreementStatDto[];
  /** Why there are no statistics, when there are none. */
  note: string | null;
  disagreements: { itemId: string; score: number; ratings: number; summary: string }[];
}

export interface SubmittedLabel {
  itemId: string;
  userId: string;
  answers: Record<string, { value: unknown }>;
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** Agreement for each schema over a session's submitted labels. */
export function summarizeAgreement(
  schemas: readonly TLabelSchemaDefinition[],
  labels: readonly SubmittedLabel[],
  topN = 10,
): SchemaAgreementDto[] {
  return schemas.map((schema) => {
    const byItem = new Map<string, { raterId: string; value: string | number }[]>();
    const raters = new Set<string>();
    for (const l of labels) {
      const v = l.answers[schema.name]?.value;
      if (typeof v !== "string" && typeof v !== "number") continue;
      raters.add(l.userId);
      const list = byItem.get(l.itemId) ?? [];
      list.push({ raterId: l.userId, value: v });
      byItem.set(l.itemId, list);
    }
    const items: TRatedItem[] = [...byItem].map(([itemId, ratings]) => ({ itemId, ratings }));
    const multi = items.filter((i) => new Set(i.ratings.map((r) => r.raterId)).size >= 2).length;
    const base = {
      schema: schema.name,
      title: schema.title,
      inputType: schema.input.type,
      itemsWithMultipleLabels: multi,
      raters: raters.size,
    };
    const input = schema.input;
    if (input.type !== "categorical" && input.type !== "numeric") {
      return {
        ...base,
        stats: [],
        disagreements: [],
        note: "Multi-select and free-text answers have no standard agreement coefficient; compare them in the results table.",
      };
    }
    if (multi === 0) {
      return {
        ...base,
        stats: [],
        disagreements: [],
        note: "No item has answers from two reviewers yet; set labels per item to 2 or more for an agreement study.",
      };
    }
    const stats: AgreementStatDto[] = [];
    const push = (label: string, value: number | null | undefined, n: number) =>
      stats.push({ label, value: value == null ? null : finite(value), items: n });
    if (input.type === "categorical") {
      const fleiss = safe(() => fleissKappa(items));
      push("Fleiss' kappa", fleiss?.kappa, fleiss?.itemCount ?? 0);
      if (raters.size === 2) {
        const cohen = safe(() => cohenKappa(items));
        push("Cohen's kappa", cohen?.kappa, cohen?.itemCount ?? 0);
      }
      const nominal = safe(() => krippendorffAlpha(items, "nominal"));
      push("Krippendorff's alpha (nominal)", nominal?.alpha, nominal?.unitCount ?? 0);
      if (input.options.length > 2) {
        // The options are listed in order; when they form a scale the ordinal alpha is the one to read.
        const ordinal = safe(() => krippendorffAlpha(items, "ordinal", { order: input.options }));
        push("Krippendorff's alpha (ordinal, options in listed order)", ordinal?.alpha, ordinal?.unitCount ?? 0);
      }
    } else {
      const interval = safe(() => krippendorffAlpha(items, "interval"));
      push("Krippendorff's alpha (interval)", interval?.alpha, interval?.unitCount ?? 0);
    }
    const ranked =
      safe(() => rankDisagreements(items, { level: input.type === "numeric" ? "numeric" : "nominal" })) ?? [];
    const disagreements = ranked
      .filter((d) => d.score > 0)
      .slice(0, topN)
      .map((d) => ({
        itemId: d.itemId,
        score: d.score,
        ratings: d.ratingCount,
        summary: (byItem.get(d.itemId) ?? []).map((r) => String(r.value)).join(" / "),
      }));
    return { ...base, stats, disagreements, note: null };
  });
}
