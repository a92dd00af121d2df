/**
 * Win rates of two versions compared side by side, with 95% Wilson score intervals. A tie counts
 * as half a win for each side (the usual convention for preference data), so the two rates add up
 * to 1; the interval is Wilson's on that share over all decided-or-tied comparisons. Pure.
 */

export type PairwiseChoice = "A" | "B" | "tie";

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface WilsonInterval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` out of `n` (successes may be fractional with ties). */
export function wilsonInterval(successes: number, n: number, z = Z95): WilsonInterval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface VersionWinRate {
  version: "A" | "B";
  label: string;
  wins: number;
  losses: number;
  ties: number;
  /** (wins + ties / 2) / comparisons; null without comparisons. */
  winRate: number | null;
  ci: WilsonInterval | null;
}

export interface WinRates {
  comparisons: number;
  versions: [VersionWinRate, VersionWinRate];
}

export function winRates(choices: readonly PairwiseChoice[], labels: { A: string; B: string }): WinRates {
  const n = choices.length;
  const a = choices.filter((c) => c === "A").length;
  const b = choices.filter((c) => c === "B").length;
  const ties = n - a - b;
  const side = (version: "A" | "B", wins: number, losses: number): VersionWinRate => {
    const score = wins + ties / 2;
    return {
      version,
      label: labels[version],
      wins,
      losses,
      ties,
      winRate: n ? score / n : null,
      ci: n ? wilsonInterval(score, n) : null,
    };
  };
  return { comparisons: n, versions: [side("A", a, b), side("B", b, a)] };
}
