/**
 * Aggregates of a run, pure so they are unit-tested: pass rate for yes/no and boolean scorers,
 * mean for numeric ones; and judge alignment (how often a human and a judge gave the same
 * verdict on the same trace and assessment name).
 */

export interface ScoreCell {
  scorerName: string;
  /** Parsed value; null when the scorer failed. */
  value: unknown;
  error: string | null;
}

export interface ScorerSummary {
  name: string;
  scored: number;
  errors: number;
  /** yes/no and boolean scorers. */
  pass: number;
  fail: number;
  passRate: number | null;
  /** numeric scorers. */
  mean: number | null;
}

/** "yes"/true/"pass" → true, "no"/false/"fail" → false, anything else undefined. */
export function verdictOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (["yes", "true", "pass", "passed", "correct", "y"].includes(v)) return true;
  if (["no", "false", "fail", "failed", "incorrect", "n"].includes(v)) return false;
  return undefined;
}

export function summarizeScores(scorerNames: string[], cells: ScoreCell[]): ScorerSummary[] {
  const by = new Map(
    scorerNames.map((n) => [n, { name: n, scored: 0, errors: 0, pass: 0, fail: 0, sum: 0, numeric: 0 }]),
  );
  for (const c of cells) {
    const s = by.get(c.scorerName);
    if (!s) continue;
    if (c.error || c.value === null || c.value === undefined) {
      s.errors++;
      continue;
    }
    s.scored++;
    const v = verdictOf(c.value);
    if (v === true) s.pass++;
    else if (v === false) s.fail++;
    else if (typeof c.value === "number" && Number.isFinite(c.value)) {
      s.sum += c.value;
      s.numeric++;
    }
  }
  return [...by.values()].map(({ sum, numeric, ...s }) => ({
    ...s,
    passRate: s.pass + s.fail > 0 ? s.pass / (s.pass + s.fail) : null,
    mean: numeric > 0 ? sum / numeric : null,
  }));
}

export interface AlignmentPair {
  traceId: string;
  name: string;
  human: unknown;
  judge: unknown;
}

export interface AlignmentSummary {
  name: string;
  pairs: number;
  agree: number;
  rate: number | null;
}

/** Normalised for comparison: verdicts as yes/no, other values as lower-case text. */
function comparable(v: unknown): string {
  const verdict = verdictOf(v);
  if (verdict !== undefined) return verdict ? "yes" : "no";
  return typeof v === "string" ? v.trim().toLowerCase() : JSON.stringify(v);
}

export function summarizeAlignment(pairs: AlignmentPair[]): AlignmentSummary[] {
  const by = new Map<string, AlignmentSummary>();
  for (const p of pairs) {
    const s = by.get(p.name) ?? { name: p.name, pairs: 0, agree: 0, rate: null };
    s.pairs++;
    if (comparable(p.human) === comparable(p.judge)) s.agree++;
    by.set(p.name, s);
  }
  return [...by.values()]
    .map((s) => ({ ...s, rate: s.pairs ? s.agree / s.pairs : null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
