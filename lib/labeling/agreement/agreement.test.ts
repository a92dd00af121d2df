import { describe, expect, it } from "vitest";
import {
  cohenKappa,
  fleissKappa,
  fleissKappaFromCounts,
  krippendorffAlpha,
  rankDisagreements,
  type TRatedItem,
  type TRatingValue,
} from "@/lib/labeling/agreement";

/** Reliability data as printed in the sources: one row per rater, one column per unit, null = missing. */
function fromMatrix(rows: readonly (readonly (TRatingValue | null)[])[]): TRatedItem[] {
  return rows[0].map((_, u) => ({
    itemId: `u${u + 1}`,
    ratings: rows.map((row, r) => ({ raterId: `r${r + 1}`, value: row[u] })),
  }));
}

/** Items from an items × categories count table (rater ids are arbitrary, as Fleiss allows). */
function fromCounts(table: readonly (readonly number[])[]): TRatedItem[] {
  return table.map((row, i) => ({
    itemId: `s${i + 1}`,
    ratings: row.flatMap((count, j) =>
      Array.from({ length: count }, (_, k) => ({ raterId: `c${j}-${k}`, value: `cat${j + 1}` })),
    ),
  }));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers ×
// 12 units, values 1–5, with missing data. The same matrix is the "C" data in R's irr::kripp.alpha
// and DescTools::KrippAlpha examples, irrCAC's raw_4raters (Gwet 2014, p. 120) and the tests of
// the Python `krippendorff` package (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, null],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

// Published results for that matrix. Confirmed in these sources:
// - nominal .743: irrCAC tests (afergadis/irrCAC test/unit/irrCAC/raw/test_krippendorff.py, 0.743)
// - ordinal .815: fast-krippendorff test_ordinal_metric (round(res, 3) == 0.815)
// - interval .849: irrCAC, quadratic weights = interval metric (0.849)
// - ratio .797: fast-krippendorff test_ratio_metric and irrCAC ratio weights (0.797)
describe("krippendorffAlpha — Krippendorff (2011) worked example", () => {
  const items = fromMatrix(KRIPPENDORFF_2011);
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("%s α ≈ %s", (level, expected) => {
    expect(krippendorffAlpha(items, level).alpha).toBeCloseTo(expected, 3);
  });

  it("uses only the 11 pairable units (unit 12 has one value) and 40 pairable values", () => {
    const r = krippendorffAlpha(items, "nominal");
    expect(r.unitCount).toBe(11);
    expect(r.pairableValues).toBe(40);
  });

  it("ranks text values by the given order exactly like the numbers they stand for", () => {
    const words = ["very low", "low", "mid", "high", "very high"];
    const asWords = fromMatrix(KRIPPENDORFF_2011.map((row) => row.map((v) => (v === null ? null : words[v - 1]))));
    expect(krippendorffAlpha(asWords, "ordinal", { order: words }).alpha).toBeCloseTo(0.815, 3);
  });
});

// Krippendorff's 3 coders × 15 units example (Wikipedia "Krippendorff's alpha", computational
// example), as pinned by fast-krippendorff's tests: nominal 0.691358, interval 0.810845.
describe("krippendorffAlpha — 3 coders × 15 units example", () => {
  const n = null;
  const items = fromMatrix([
    [n, n, n, n, n, 3, 4, 1, 2, 1, 1, 3, 3, n, 3],
    [1, n, 2, 1, 3, 3, 4, 3, n, n, n, n, n, n, n],
    [n, n, 2, 1, 3, 4, 4, n, 2, 1, 1, 3, 3, n, 4],
  ]);
  it("nominal α = 0.691358", () => expect(krippendorffAlpha(items, "nominal").alpha).toBeCloseTo(0.691358, 6));
  it("interval α = 0.810845", () => expect(krippendorffAlpha(items, "interval").alpha).toBeCloseTo(0.810845, 6));
});

describe("krippendorffAlpha — degenerate data", () => {
  it("is 1 for perfect agreement with variation", () => {
    expect(
      krippendorffAlpha(
        fromMatrix([
          [1, 2, 3],
          [1, 2, 3],
          [1, 2, 3],
        ]),
        "interval",
      ).alpha,
    ).toBe(1);
  });
  it("is NaN when every value is the same (D_e = 0) or nothing is pairable", () => {
    expect(
      krippendorffAlpha(
        fromMatrix([
          ["a", "a"],
          ["a", "a"],
        ]),
      ).alpha,
    ).toBeNaN();
    expect(
      krippendorffAlpha(
        fromMatrix([
          [1, null],
          [null, 2],
        ]),
      ).alpha,
    ).toBeNaN();
    expect(krippendorffAlpha([]).alpha).toBeNaN();
  });
  it("rejects text for interval data and unknown values for an ordinal order", () => {
    expect(() => krippendorffAlpha(fromMatrix([["a"], ["b"]]), "interval")).toThrow(/numeric/);
    expect(() => krippendorffAlpha(fromMatrix([["a"], ["z"]]), "ordinal", { order: ["a", "b"] })).toThrow(/'z'/);
  });
});

// Fleiss (1971) / Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories.
// Published: P̄ = 0.378, P̄_e = 0.213, κ = 0.210 (0.209930704421 in several reference implementations).
const FLEISS_1971 = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("fleissKappa", () => {
  it("reproduces the Fleiss (1971) / Wikipedia worked example from the count table", () => {
    const r = fleissKappaFromCounts(FLEISS_1971);
    expect(r.kappa).toBeCloseTo(0.20993, 5);
    expect(r.observedAgreement).toBeCloseTo(0.378, 3);
    expect(r.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(r.ratingsPerItem).toBe(14);
  });

  it("gives the same result from raw ratings", () => {
    expect(fleissKappa(fromCounts(FLEISS_1971)).kappa).toBeCloseTo(0.20993, 5);
  });

  // Varying numbers of ratings: Gwet's generalisation, checked against irrCAC on the
  // Krippendorff matrix (afergadis/irrCAC test/unit/irrCAC/raw/test_fleiss.py:
  // pa 0.818, pe 0.239, coefficient 0.761).
  it("handles varying ratings per item like Gwet (2014) / irrCAC", () => {
    const r = fleissKappa(fromMatrix(KRIPPENDORFF_2011));
    expect(r.observedAgreement).toBeCloseTo(0.818, 3);
    expect(r.expectedAgreement).toBeCloseTo(0.239, 3);
    expect(r.kappa).toBeCloseTo(0.761, 3);
    expect(r.itemCount).toBe(11);
    expect(r.ratingsPerItem).toBeNull();
  });

  it("is 1 for perfect agreement with variation and NaN when one category is used throughout", () => {
    expect(
      fleissKappa(
        fromMatrix([
          ["a", "b"],
          ["a", "b"],
          ["a", "b"],
        ]),
      ).kappa,
    ).toBe(1);
    expect(
      fleissKappa(
        fromMatrix([
          ["a", "a"],
          ["a", "a"],
        ]),
      ).kappa,
    ).toBeNaN();
    expect(fleissKappa(fromMatrix([["a"]])).kappa).toBeNaN();
  });
});

// Cohen's kappa textbook example (Wikipedia "Cohen's kappa"; also tutorialspoint/howcodex
// "Cohen's Kappa Coefficient"): 50 grant proposals, readers A and B say Yes/No.
// Yes/Yes 20, A Yes–B No 5, A No–B Yes 10, No/No 15 → p_o = 0.70, p_e = 0.50, κ = 0.40.
describe("cohenKappa", () => {
  const pairs: [string, string, number][] = [
    ["Yes", "Yes", 20],
    ["Yes", "No", 5],
    ["No", "Yes", 10],
    ["No", "No", 15],
  ];
  const items: TRatedItem[] = pairs
    .flatMap(([a, b, count]) => Array.from({ length: count }, () => [a, b] as const))
    .map(([a, b], i) => ({
      itemId: `p${i}`,
      ratings: [
        { raterId: "A", value: a },
        { raterId: "B", value: b },
      ],
    }));

  it("reproduces the 50-proposal example", () => {
    const r = cohenKappa(items);
    expect(r.observedAgreement).toBeCloseTo(0.7, 10);
    expect(r.expectedAgreement).toBeCloseTo(0.5, 10);
    expect(r.kappa).toBeCloseTo(0.4, 10);
    expect(r.itemCount).toBe(50);
  });

  it("uses only items both raters rated and needs a pair when there are more raters", () => {
    const extra = [
      ...items,
      {
        itemId: "solo",
        ratings: [
          { raterId: "A", value: "No" },
          { raterId: "C", value: "No" },
        ],
      },
    ];
    expect(() => cohenKappa(extra)).toThrow(/exactly two raters/);
    expect(cohenKappa(extra, ["A", "B"]).itemCount).toBe(50);
  });

  it("is NaN when both raters use one same value throughout (p_e = 1)", () => {
    const same = [1, 2, 3].map((i) => ({
      itemId: `${i}`,
      ratings: [
        { raterId: "A", value: "x" },
        { raterId: "B", value: "x" },
      ],
    }));
    expect(cohenKappa(same).kappa).toBeNaN();
  });
});

describe("rankDisagreements", () => {
  it("orders nominal items by the share of disagreeing pairs and skips single ratings", () => {
    const ranked = rankDisagreements([
      {
        itemId: "agree",
        ratings: [
          { raterId: "a", value: "x" },
          { raterId: "b", value: "x" },
          { raterId: "c", value: "x" },
        ],
      },
      {
        itemId: "split",
        ratings: [
          { raterId: "a", value: "x" },
          { raterId: "b", value: "y" },
          { raterId: "c", value: "z" },
        ],
      },
      {
        itemId: "two-one",
        ratings: [
          { raterId: "a", value: "x" },
          { raterId: "b", value: "x" },
          { raterId: "c", value: "y" },
        ],
      },
      { itemId: "alone", ratings: [{ raterId: "a", value: "x" }] },
    ]);
    expect(ranked.map((r) => r.itemId)).toEqual(["split", "two-one", "agree"]);
    expect(ranked[1].score).toBeCloseTo(2 / 3, 10);
    expect(ranked[1].mode).toEqual({ value: "x", share: 2 / 3 });
  });

  it("orders numeric items by variance and reports the range", () => {
    const ranked = rankDisagreements(
      [
        {
          itemId: "close",
          ratings: [
            { raterId: "a", value: 4 },
            { raterId: "b", value: 5 },
          ],
        },
        {
          itemId: "far",
          ratings: [
            { raterId: "a", value: 1 },
            { raterId: "b", value: 5 },
          ],
        },
      ],
      { level: "numeric" },
    );
    expect(ranked.map((r) => r.itemId)).toEqual(["far", "close"]);
    expect(ranked[0]).toMatchObject({ score: 8, range: { min: 1, max: 5, mean: 3 } });
  });

  it("counts a rater who answered twice once, keeping the last answer", () => {
    const [r] = rankDisagreements([
      {
        itemId: "i",
        ratings: [
          { raterId: "a", value: "x" },
          { raterId: "b", value: "y" },
          { raterId: "a", value: "y" },
        ],
      },
    ]);
    expect(r).toMatchObject({ ratingCount: 2, score: 0 });
  });
});
