import { cleanItems, valueKey, type TRatedItem, type TRatingValue } from "@/lib/assessments/agreement/types";

/** Level of measurement; it picks the difference function δ² (Krippendorff 2011, section E). */
export type TAlphaLevel = "nominal" | "ordinal" | "interval" | "ratio";

export type TKrippendorffAlphaResult = {
  alpha: number;
  /** D_o: observed disagreement. */
  observedDisagreement: number;
  /** D_e: disagreement expected by chance. */
  expectedDisagreement: number;
  /** n: pairable values, i.e. values in units that have at least two of them. */
  pairableValues: number;
  /** Units with at least two values (the only ones that count). */
  unitCount: number;
};

/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, computed through the coincidence matrix as in
 * Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u, between different raters) / (m_u − 1)
 *   n_c  = Σ_k o_ck,   n = Σ_c n_c
 *   α    = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck  /  Σ_c Σ_k n_c n_k δ²_ck
 *
 * Missing values are simply absent; units with fewer than two values are not pairable and
 * drop out. `ordinal` ranks strings by `opts.order` (e.g. a categorical schema's options, from
 * worst to best) and numbers by value; `interval` and `ratio` need numbers.
 *
 * Degenerate data: when no unit is pairable, or every pairable value is the same (D_e = 0),
 * α is 0/0 and we return NaN, as statsmodels' `krippendorff_alpha` documents. (Some tools
 * return 1 for unanimous data; we do not, because such data cannot show reliability — there
 * was no variation to agree about.)
 */
export function krippendorffAlpha(
  items: readonly TRatedItem[],
  level: TAlphaLevel = "nominal",
  opts: { order?: readonly string[] } = {},
): TKrippendorffAlphaResult {
  const units = cleanItems(items)
    .map((i) => i.ratings.map((r) => r.value))
    .filter((values) => values.length >= 2);

  // Value domain, in rank order for ordinal data (order is irrelevant to nominal).
  const domain = new Map<string, TRatingValue>();
  for (const v of units.flat()) domain.set(valueKey(v), v);
  const values = sortDomain([...domain.values()], level, opts.order);
  const index = new Map(values.map((v, i) => [valueKey(v), i]));
  const V = values.length;

  // Coincidence matrix.
  const o: number[][] = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  for (const unit of units) {
    const counts = new Array<number>(V).fill(0);
    for (const v of unit) counts[index.get(valueKey(v))!] += 1;
    const w = 1 / (unit.length - 1);
    for (let c = 0; c < V; c++) {
      if (!counts[c]) continue;
      for (let k = 0; k < V; k++) {
        if (!counts[k]) continue;
        o[c][k] += (c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]) * w;
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);

  const delta2 = differenceFunction(level, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      observed += o[c][k] * d;
      expected += nc[c] * nc[k] * d;
    }
  }
  const Do = n > 0 ? observed / n : Number.NaN;
  const De = n > 1 ? expected / (n * (n - 1)) : Number.NaN;
  const alpha = n > 1 && expected > 0 ? 1 - ((n - 1) * observed) / expected : Number.NaN;
  return { alpha, observedDisagreement: Do, expectedDisagreement: De, pairableValues: n, unitCount: units.length };
}

function sortDomain(values: TRatingValue[], level: TAlphaLevel, order?: readonly string[]): TRatingValue[] {
  if (level === "nominal") return values;
  if (level === "ordinal" && order) {
    const rank = new Map(order.map((o, i) => [o, i]));
    for (const v of values) {
      if (!rank.has(String(v))) throw new Error(`Ordinal value '${v}' is not in the given order: ${order.join(", ")}`);
    }
    return [...values].sort((a, b) => rank.get(String(a))! - rank.get(String(b))!);
  }
  const bad = values.find((v) => typeof v !== "number");
  if (bad !== undefined) {
    throw new Error(
      `${level} alpha needs numeric values ('${bad}' is not a number)${level === "ordinal" ? "; pass `order` to rank text values" : ""}`,
    );
  }
  return [...(values as number[])].sort((a, b) => a - b);
}

/** δ²_ck for the level, over domain indices (already in rank order for ordinal). */
function differenceFunction(
  level: TAlphaLevel,
  values: TRatingValue[],
  nc: number[],
): (c: number, k: number) => number {
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "ordinal": {
      // (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²: distance is how many pairable values lie between.
      const cum = [0];
      for (const x of nc) cum.push(cum[cum.length - 1] + x);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        const between = cum[hi + 1] - cum[lo] - (nc[lo] + nc[hi]) / 2;
        return between * between;
      };
    }
    case "interval":
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2;
    case "ratio":
      return (c, k) => {
        const a = values[c] as number;
        const b = values[k] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
  }
}
