/**
 * Pure decisions of a rule over one trace's scores: which traces are sampled, pass/fail, and
 * whether the routing condition holds. No I/O, unit-tested beside.
 */
import { createHash } from "node:crypto";
import type { TRouteCondition } from "@/lib/monitoring/schemas";

/**
 * Deterministic sampling: the same trace is always in or out for a rule, whichever server or
 * scan looks at it (so a rescan or backfill never flips the decision).
 */
export function isSampled(ruleId: string, traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const h = createHash("sha256").update(`${ruleId}:${traceId}`).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < rate;
}

export interface ScoredValue {
  name: string;
  value: unknown;
  error?: string;
}

/** true/"yes" passes, false/"no" fails, anything else has no verdict. */
export function verdictOf(value: unknown): boolean | null {
  if (value === true || value === "yes") return true;
  if (value === false || value === "no") return false;
  return null;
}

/** The trace passes when no scorer failed and one passed; null when no scorer gave a verdict. */
export function overallPass(results: ScoredValue[]): boolean | null {
  const verdicts = results.map((r) => (r.error ? null : verdictOf(r.value))).filter((v) => v !== null);
  if (!verdicts.length) return null;
  return verdicts.every(Boolean);
}

/** Whether the routing condition holds for these results (and the trace's end-user feedback). */
export function shouldRoute(when: TRouteCondition, results: ScoredValue[], userFeedbackFalse: boolean): boolean {
  if (when.kind === "user_feedback_false") return userFeedbackFalse;
  const r = results.find((x) => x.name === when.scorer);
  if (!r || r.error) return false;
  if (when.kind === "judge_no") return verdictOf(r.value) === false;
  const n = typeof r.value === "number" ? r.value : typeof r.value === "boolean" ? Number(r.value) : NaN;
  return Number.isFinite(n) && n < when.threshold;
}

/** Start of the UTC day containing `at`: the daily cap's window. */
export function utcDayStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** Bucket size for a chart over `days`: hourly up to 2 days, else daily. */
export function bucketMsFor(days: number): number {
  return days <= 2 ? 3600_000 : 86_400_000;
}
