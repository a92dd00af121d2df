/**
 * Row-by-row comparison of two runs, pure: per shared scorer the change from the baseline run
 * to this run, and per row whether it got worse (any scorer worse), better (some better, none
 * worse) or stayed. Yes/no verdicts count as 1/0 and numbers as themselves; other values (a
 * category) only "changed"; an error on either side is not comparable.
 */
import { verdictOf } from "./summary";

export const ROW_CHANGES = ["regression", "improvement", "unchanged", "unmatched"] as const;
export type RowChange = (typeof ROW_CHANGES)[number];
export type ScoreChange = "worse" | "better" | "same" | "changed" | "n/a";

export interface ScoreDelta {
  scorerName: string;
  /** This run's value and the baseline's. */
  value: unknown;
  baseline: unknown;
  /** this − baseline, when both are numbers or verdicts. */
  delta: number | null;
  change: ScoreChange;
}

export interface ScoreLike {
  scorerName: string;
  value: unknown;
  error: string | null;
}

function numeric(v: unknown): number | undefined {
  const verdict = verdictOf(v);
  if (verdict !== undefined) return verdict ? 1 : 0;
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

const EPSILON = 1e-9;

export function scoreDeltas(scorerNames: readonly string[], mine: ScoreLike[], baseline: ScoreLike[]): ScoreDelta[] {
  return scorerNames.map((scorerName) => {
    const a = mine.find((s) => s.scorerName === scorerName);
    const b = baseline.find((s) => s.scorerName === scorerName);
    const value = a && !a.error ? a.value : null;
    const base = b && !b.error ? b.value : null;
    if (value === null || value === undefined || base === null || base === undefined)
      return { scorerName, value, baseline: base, delta: null, change: "n/a" };
    const na = numeric(value);
    const nb = numeric(base);
    if (na === undefined || nb === undefined) {
      const same = JSON.stringify(value) === JSON.stringify(base);
      return { scorerName, value, baseline: base, delta: null, change: same ? "same" : "changed" };
    }
    const delta = na - nb;
    const change = delta < -EPSILON ? "worse" : delta > EPSILON ? "better" : "same";
    return { scorerName, value, baseline: base, delta, change };
  });
}

export function rowChange(deltas: ScoreDelta[] | null): RowChange {
  if (!deltas) return "unmatched";
  if (deltas.some((d) => d.change === "worse")) return "regression";
  if (deltas.some((d) => d.change === "better")) return "improvement";
  return "unchanged";
}

export type ChangeCounts = Record<RowChange, number>;

export function countChanges(changes: RowChange[]): ChangeCounts {
  const counts: ChangeCounts = { regression: 0, improvement: 0, unchanged: 0, unmatched: 0 };
  for (const c of changes) counts[c]++;
  return counts;
}
