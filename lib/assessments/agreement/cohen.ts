import { chanceCorrected, cleanItems, valueKey, type TRatedItem } from "@/lib/assessments/agreement/types";

export type TCohenKappaResult = {
  kappa: number;
  /** p_o: share of items on which the two raters gave the same value. */
  observedAgreement: number;
  /** p_e: agreement expected from each rater's own marginal distribution. */
  expectedAgreement: number;
  /** Items rated by both raters (the only ones used). */
  itemCount: number;
  raters: [string, string];
};

/**
 * Cohen's (1960) kappa for two raters on nominal data: κ = (p_o − p_e) / (1 − p_e), with p_e
 * from each rater's own marginals (unlike Fleiss/Scott, which pool them).
 *
 * `raters` picks the pair; without it the data must contain exactly two raters. Only items
 * both raters rated are used. Degenerate cases follow the definition rather than guessing:
 * no shared items, or p_e = 1 (both raters used one and the same value throughout, so the
 * ratio is 0/0), give `kappa: NaN`, which callers show as "not defined".
 */
export function cohenKappa(items: readonly TRatedItem[], raters?: readonly [string, string]): TCohenKappaResult {
  const clean = cleanItems(items);
  const pair = raters ?? onlyTwoRaters(clean.flatMap((i) => i.ratings.map((r) => r.raterId)));
  const [ra, rb] = pair;
  if (ra === rb) throw new Error("Cohen's kappa compares two different raters");

  const pa = new Map<string, number>();
  const pb = new Map<string, number>();
  let n = 0;
  let agree = 0;
  for (const item of clean) {
    const a = item.ratings.find((r) => r.raterId === ra);
    const b = item.ratings.find((r) => r.raterId === rb);
    if (!a || !b) continue;
    const ka = valueKey(a.value);
    const kb = valueKey(b.value);
    n += 1;
    if (ka === kb) agree += 1;
    pa.set(ka, (pa.get(ka) ?? 0) + 1);
    pb.set(kb, (pb.get(kb) ?? 0) + 1);
  }
  if (n === 0)
    return {
      kappa: Number.NaN,
      observedAgreement: Number.NaN,
      expectedAgreement: Number.NaN,
      itemCount: 0,
      raters: [ra, rb],
    };

  let pe = 0;
  for (const [k, ca] of pa) pe += (ca / n) * ((pb.get(k) ?? 0) / n);
  const po = agree / n;
  return {
    kappa: chanceCorrected(po, pe),
    observedAgreement: po,
    expectedAgreement: pe,
    itemCount: n,
    raters: [ra, rb],
  };
}

function onlyTwoRaters(ids: string[]): [string, string] {
  const distinct = [...new Set(ids)].sort();
  if (distinct.length !== 2) {
    throw new Error(
      `Cohen's kappa needs exactly two raters but the data has ${distinct.length}; pass the pair to compare`,
    );
  }
  return [distinct[0], distinct[1]];
}
