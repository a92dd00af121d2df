import { cleanItems, countValues, type TRatedItem, type TRatingValue } from "@/lib/labeling/agreement/types";

export type TItemDisagreement = {
  itemId: string;
  /**
   * Higher means more disagreement. Nominal: share of rater pairs that disagree, in [0, 1].
   * Numeric: sample variance of the values (half the mean squared pairwise difference).
   */
  score: number;
  ratingCount: number;
  distinctValues: number;
  /** Nominal: the most frequent value and its share (ties: the value seen first). */
  mode?: { value: TRatingValue; share: number };
  /** Numeric: min, max and mean of the values. */
  range?: { min: number; max: number; mean: number };
};

/**
 * Orders items from most to least disagreement so reviewers' leads can start with the items
 * worth discussing. Items with fewer than two ratings cannot disagree and are left out.
 * Ties are broken by more ratings first (stronger evidence), then by item id for stability.
 */
export function rankDisagreements(
  items: readonly TRatedItem[],
  opts: { level?: "nominal" | "numeric" } = {},
): TItemDisagreement[] {
  const level = opts.level ?? "nominal";
  const out: TItemDisagreement[] = [];
  for (const item of cleanItems(items)) {
    const values = item.ratings.map((r) => r.value);
    if (values.length < 2) continue;
    out.push(level === "numeric" ? numeric(item.itemId, values) : nominal(item.itemId, values));
  }
  return out.sort(
    (a, b) =>
      b.score - a.score || b.ratingCount - a.ratingCount || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0),
  );
}

function nominal(itemId: string, values: TRatingValue[]): TItemDisagreement {
  const m = values.length;
  const counts = countValues(values);
  let agreeingPairs = 0;
  for (const c of counts.values()) agreeingPairs += c * (c - 1);
  let best = values[0];
  let bestCount = 0;
  const seen = new Map<TRatingValue, number>();
  for (const v of values) {
    const c = (seen.get(v) ?? 0) + 1;
    seen.set(v, c);
    if (c > bestCount) [best, bestCount] = [v, c];
  }
  return {
    itemId,
    score: 1 - agreeingPairs / (m * (m - 1)),
    ratingCount: m,
    distinctValues: counts.size,
    mode: { value: best, share: bestCount / m },
  };
}

function numeric(itemId: string, values: TRatingValue[]): TItemDisagreement {
  const bad = values.find((v) => typeof v !== "number");
  if (bad !== undefined)
    throw new Error(`Item '${itemId}': numeric disagreement needs numbers ('${bad}' is not a number)`);
  const xs = values as number[];
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return {
    itemId,
    score: variance,
    ratingCount: xs.length,
    distinctValues: new Set(xs).size,
    range: { min: Math.min(...xs), max: Math.max(...xs), mean },
  };
}
