/**
 * Which human label stands for a trace, when several reviewers assessed it under one name. Pure,
 * so evaluation (judge agreement) and labeling can share it:
 * - an adjudicated label (metadata `tracelight.adjudicated = "true"`, set when a lead settles a
 *   disagreement) wins; the newest one if there are several;
 * - otherwise the reviewers' labels count only if they all agree (compared as verdicts for
 *   yes/no answers, as trimmed lower-case text or numbers otherwise);
 * - otherwise the trace is "experts disagree": neither agreement nor disagreement with a judge.
 */

export const ADJUDICATED_KEY = "tracelight.adjudicated";

export interface HumanLabelCandidate {
  value: unknown;
  metadata?: Record<string, string> | null;
  /** Milliseconds; the newest adjudicated label wins. */
  createdAt: number;
}

export type HumanLabelPick =
  | { kind: "label"; value: unknown; adjudicated: boolean }
  | { kind: "experts_disagree"; values: unknown[] }
  | { kind: "none" };

const YES = new Set(["yes", "true", "pass", "passed", "correct", "y"]);
const NO = new Set(["no", "false", "fail", "failed", "incorrect", "n"]);

/** A comparison key: verdicts as yes/no, numbers as numbers, other text trimmed and lower-cased. */
export function labelKey(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    const t = value.trim().toLowerCase();
    if (YES.has(t)) return "yes";
    if (NO.has(t)) return "no";
    return t;
  }
  return JSON.stringify(value ?? null);
}

export function pickHumanLabel(candidates: readonly HumanLabelCandidate[]): HumanLabelPick {
  const present = candidates.filter((c) => c.value !== null && c.value !== undefined);
  if (!present.length) return { kind: "none" };
  const adjudicated = present
    .filter((c) => c.metadata?.[ADJUDICATED_KEY] === "true")
    .sort((a, b) => b.createdAt - a.createdAt);
  if (adjudicated.length) return { kind: "label", value: adjudicated[0]!.value, adjudicated: true };
  const keys = new Set(present.map((c) => labelKey(c.value)));
  if (keys.size === 1) return { kind: "label", value: present[0]!.value, adjudicated: false };
  return { kind: "experts_disagree", values: present.map((c) => c.value) };
}
