import type { TNumericToleranceConfig } from "@/lib/evaluation/schemas";
import { codeScorer, fmt } from "@/lib/evaluation/scorers/base";
import { extractAssistantText, getExpected, valueToText } from "@/lib/evaluation/scorers/text";

// Optional sign, thousands separators ("1,234.5") or plain digits, decimals, exponent.
const NUMBER_RE = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+(?:[eE][-+]?\d+)?/g;

export type ParsedNumber = { ok: true; value: number } | { ok: false; error: string };

/**
 * The number a value stands for: a JS number; text that is a number; or text containing exactly
 * one number ("The total is $1,234.50."). Several numbers are ambiguous and rejected rather than
 * guessed, so a wrong pick can never pass silently.
 */
export function parseNumber(value: unknown): ParsedNumber {
  if (typeof value === "number")
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: "not a finite number" };
  const text = (extractAssistantText(value) ?? valueToText(value)).trim();
  const whole = Number(text.replace(/,/g, ""));
  if (text !== "" && Number.isFinite(whole)) return { ok: true, value: whole };
  const found = text.match(NUMBER_RE) ?? [];
  if (found.length === 1) return { ok: true, value: Number(found[0].replace(/,/g, "")) };
  return { ok: false, error: found.length === 0 ? "no number found" : `ambiguous: ${found.length} numbers found` };
}

/** Python's math.isclose: |a − b| ≤ max(absTol, relTol · max(|a|, |b|)). */
export function isClose(a: number, b: number, absTol: number, relTol: number): boolean {
  return Math.abs(a - b) <= Math.max(absTol, relTol * Math.max(Math.abs(a), Math.abs(b)));
}

export function numericToleranceScorer(config: TNumericToleranceConfig) {
  return codeScorer(config.name ?? "numeric_tolerance", ({ outputs, expectations }) => {
    const exp = getExpected(expectations, config.expectedKey);
    if (!exp.ok) return { value: null, error: exp.error };
    const expected = parseNumber(exp.value);
    if (!expected.ok) return { value: null, error: `expectations.${config.expectedKey}: ${expected.error}` };
    const actual = parseNumber(outputs);
    // The output not being a number is the app's failure, not the scorer's: answer false.
    if (!actual.ok) return { value: false, rationale: `Output is not a number (${actual.error}).` };
    const ok = isClose(actual.value, expected.value, config.absTol, config.relTol);
    const diff = Math.abs(actual.value - expected.value);
    return {
      value: ok,
      rationale: `Output ${actual.value} vs expected ${expected.value}: |diff| = ${fmt(diff)} (absTol ${config.absTol}, relTol ${config.relTol}).`,
    };
  });
}
