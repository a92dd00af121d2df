/**
 * Shared input shape for the agreement statistics: one entry per labeled item, with every
 * reviewer's value for one label schema. Pure data; no DB or HTTP here.
 */
export type TRatingValue = string | number;
export type TRating = { raterId: string; value: TRatingValue | null | undefined };
export type TRatedItem = { itemId: string; ratings: readonly TRating[] };

/** An item after cleaning: missing values dropped, one value per rater. */
export type TCleanItem = { itemId: string; ratings: { raterId: string; value: TRatingValue }[] };

/**
 * Drops missing values (null, undefined, NaN) and keeps one rating per rater and item: the
 * last one wins, matching how a re-submitted label overrides the earlier one. Statistics in
 * this folder treat a rater who answered twice as one rater, never as two agreeing raters.
 */
export function cleanItems(items: readonly TRatedItem[]): TCleanItem[] {
  return items.map((item) => {
    const byRater = new Map<string, TRatingValue>();
    for (const r of item.ratings) {
      if (r.value === null || r.value === undefined || (typeof r.value === "number" && Number.isNaN(r.value))) continue;
      byRater.delete(r.raterId); // re-insert so iteration order follows the last rating
      byRater.set(r.raterId, r.value);
    }
    return { itemId: item.itemId, ratings: [...byRater].map(([raterId, value]) => ({ raterId, value })) };
  });
}

/**
 * Identity of a value for nominal comparisons. The type is part of it so that the number 1
 * and the string "1" (which only meet when data is mixed by mistake) are not silently merged.
 */
export const valueKey = (v: TRatingValue): string => (typeof v === "number" ? `n:${v}` : `s:${v}`);

/** Counts of each value (by `valueKey`) within one item. */
export function countValues(values: readonly TRatingValue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(valueKey(v), (counts.get(valueKey(v)) ?? 0) + 1);
  return counts;
}

/** `(po - pe) / (1 - pe)`, or NaN when chance agreement is already perfect (0/0 in the literature). */
export function chanceCorrected(po: number, pe: number): number {
  return Math.abs(1 - pe) < 1e-12 ? Number.NaN : (po - pe) / (1 - pe);
}
