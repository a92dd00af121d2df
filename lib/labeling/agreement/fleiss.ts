import { chanceCorrected, cleanItems, countValues, type TRatedItem } from "@/lib/labeling/agreement/types";

export type TFleissKappaResult = {
  kappa: number;
  /** P̄ (Gwet's p_a): mean share of agreeing rater pairs over items with ≥ 2 ratings. */
  observedAgreement: number;
  /** P̄_e (Gwet's p_e): Σ_j π_j², chance that two random ratings fall in the same category. */
  expectedAgreement: number;
  /** Items with at least two ratings (the ones that carry agreement information). */
  itemCount: number;
  /** The number of ratings per item when it is the same for all of them, otherwise null. */
  ratingsPerItem: number | null;
};

/**
 * Fleiss' kappa for any number of raters on nominal data.
 *
 * Classic Fleiss (1971) requires the same number m of ratings for every item. Review queues
 * rarely deliver that (a reviewer skips, a session raises labelsPerItem midway), so we use
 * the generalisation for missing ratings from Gwet (2014), *Handbook of Inter-Rater
 * Reliability*, 4th ed., as implemented by irrCAC (`fleiss.kappa.raw` / `CAC.fleiss()`):
 *
 *   p_a = mean over items with r_i ≥ 2 of  Σ_j r_ij (r_ij − 1) / (r_i (r_i − 1))
 *   π_j = mean over items with r_i ≥ 1 of  r_ij / r_i
 *   κ   = (p_a − Σ_j π_j²) / (1 − Σ_j π_j²)
 *
 * With equal counts this is exactly Fleiss (1971): p_a is P̄ and π_j is p_j. As in Gwet's
 * version, an item with a single rating adds nothing to the observed agreement but does count
 * towards category prevalence π (it is real evidence of how often a category is used).
 * κ is NaN when no item has two ratings or when π puts all mass on one category (0/0).
 */
export function fleissKappa(items: readonly TRatedItem[]): TFleissKappaResult {
  // Dense items × categories table; the category order is irrelevant to κ.
  const perItem = cleanItems(items).map((i) => countValues(i.ratings.map((r) => r.value)));
  const categories = [...new Set(perItem.flatMap((m) => [...m.keys()]))];
  return fleissKappaFromCounts(perItem.map((m) => categories.map((c) => m.get(c) ?? 0)));
}

/**
 * Fleiss' kappa from an items × categories count table (`counts[i][j]` = raters who put item i
 * in category j), the layout of Fleiss (1971) and most textbooks. Rows may have different
 * totals (see `fleissKappa`); all-zero rows are ignored.
 */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[]): TFleissKappaResult {
  const rows = counts.filter((row) => sum(row) > 0);
  const k = Math.max(0, ...rows.map((r) => r.length));
  const pi = new Array<number>(k).fill(0);
  let paSum = 0;
  let paItems = 0;
  for (const row of rows) {
    const r = sum(row);
    row.forEach((c, j) => (pi[j] += c / r / rows.length));
    if (r >= 2) {
      paSum += row.reduce((acc, c) => acc + c * (c - 1), 0) / (r * (r - 1));
      paItems += 1;
    }
  }
  return result(rows, paSum, paItems, pi);
}

function result(
  rows: readonly (readonly number[])[],
  paSum: number,
  paItems: number,
  pi: number[],
): TFleissKappaResult {
  const sizes = new Set(rows.filter((r) => sum(r) >= 2).map(sum));
  const ratingsPerItem = sizes.size === 1 ? [...sizes][0] : null;
  if (paItems === 0)
    return {
      kappa: Number.NaN,
      observedAgreement: Number.NaN,
      expectedAgreement: Number.NaN,
      itemCount: 0,
      ratingsPerItem,
    };
  const pa = paSum / paItems;
  const pe = pi.reduce((acc, p) => acc + p * p, 0);
  return {
    kappa: chanceCorrected(pa, pe),
    observedAgreement: pa,
    expectedAgreement: pe,
    itemCount: paItems,
    ratingsPerItem,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
