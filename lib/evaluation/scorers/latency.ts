import type { TLatencyConfig } from "@/lib/evaluation/schemas";
import { codeScorer } from "@/lib/evaluation/scorers/base";

/** true when the trace finished within `maxMs`. Needs the trace; without it, an error result. */
export function latencyScorer(config: TLatencyConfig) {
  return codeScorer(config.name ?? "latency", ({ trace }) => {
    if (!trace) return { value: null, error: "latency needs the trace" };
    if (trace.latencyMs === null || !Number.isFinite(trace.latencyMs))
      return { value: null, error: "trace has no latency (still in progress?)" };
    const ok = trace.latencyMs <= config.maxMs;
    return { value: ok, rationale: `Latency ${trace.latencyMs} ms ${ok ? "≤" : ">"} ${config.maxMs} ms.` };
  });
}
