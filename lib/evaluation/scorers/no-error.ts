import type { TNoErrorConfig } from "@/lib/evaluation/schemas";
import { codeScorer } from "@/lib/evaluation/scorers/base";

/** true unless the trace ended in state ERROR. Needs the trace; without it, an error result. */
export function noErrorScorer(config: TNoErrorConfig) {
  return codeScorer(config.name ?? "no_error", ({ trace }) => {
    if (!trace) return { value: null, error: "no_error needs the trace" };
    const ok = trace.state !== "ERROR";
    return { value: ok, rationale: ok ? `Trace state is ${trace.state}.` : "Trace ended in ERROR." };
  });
}
