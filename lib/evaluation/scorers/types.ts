/**
 * The common scorer contract, modelled on MLflow's `@scorer` (mlflow/genai/scorers/base.py): a
 * scorer sees any of inputs / outputs / expectations / trace and returns one value plus an
 * optional rationale. Failures are results (`value: null` + `error`), never exceptions, so one
 * broken row or judge outage does not abort a whole evaluation run.
 */
import type { TJudgeEndpointConfig } from "@/lib/evaluation/schemas";
import type { NetworkPolicy } from "@/lib/security/url-guard";

export interface ScorerSpan {
  name: string;
  /** MLflow span type, e.g. "RETRIEVER", "LLM", "CHAIN". */
  spanType: string;
  outputs: unknown;
}

export interface ScorerTrace {
  latencyMs: number | null;
  /** MLflow trace state: "OK" | "ERROR" | "IN_PROGRESS" | "STATE_UNSPECIFIED". */
  state: string;
  spans?: ScorerSpan[];
}

export interface ScorerInput {
  inputs: unknown;
  outputs: unknown;
  expectations: Record<string, unknown>;
  trace?: ScorerTrace;
}

export type ScoreValue = boolean | number | string | null;
export type SourceType = "CODE" | "LLM_JUDGE";

export interface ScoreResult {
  value: ScoreValue;
  rationale?: string;
  /** Set when the scorer could not produce a value; `value` is then null. */
  error?: string;
  /** Assessment source: CODE/<scorer name> or LLM_JUDGE/<model>, as MLflow logs it. */
  source?: { type: SourceType; id: string };
  /** Tokens a judge call used, when the endpoint reported them (monitoring prices them). */
  usage?: { inputTokens: number; outputTokens: number };
}

export interface ScorerContext {
  /** Endpoint for LLM judges; code scorers ignore it. */
  judge?: TJudgeEndpointConfig;
  /** Injected so tests can skip the real backoff delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Cancels in-flight judge calls and pending retries when the run is stopped. */
  signal?: AbortSignal;
  /** Internal hosts an admin allowed for server-side calls; none when omitted. */
  network?: NetworkPolicy;
}

export interface Scorer {
  /** Assessment name the result is logged under. */
  name: string;
  kind: SourceType;
  score(input: ScorerInput, ctx: ScorerContext): Promise<ScoreResult>;
}
