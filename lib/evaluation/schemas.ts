/**
 * zod contracts for evaluation: which scorers a run uses and how to reach the judge model.
 * Client-safe (no server imports), shared by forms, actions and REST handlers.
 */
import { z } from "zod";

/** Key in `expectations` holding the reference value; MLflow's convention is `expected_response`. */
const expectedKey = z.string().min(1).default("expected_response");
/** Optional display/assessment name; defaults to the scorer type (MLflow's `Guidelines(name=)`). */
const name = z.string().min(1).max(256).optional();
/** A pass threshold in [0, 1]. When set, similarity scorers answer pass/fail instead of the raw score. */
const threshold = z.number().min(0).max(1).optional();

export const ZExactMatchConfig = z.object({
  type: z.literal("exact_match"),
  name,
  expected_key: expectedKey,
  ignore_case: z.boolean().default(false),
});

export const ZContainsConfig = z.object({
  type: z.literal("contains"),
  name,
  expected_key: expectedKey,
  ignore_case: z.boolean().default(false),
  /** With several expected substrings: must all appear, or is one enough? */
  mode: z.enum(["all", "any"]).default("all"),
});

export const ZTokenF1Config = z.object({ type: z.literal("token_f1"), name, expected_key: expectedKey, threshold });
export const ZRougeLConfig = z.object({ type: z.literal("rouge_l"), name, expected_key: expectedKey, threshold });

export const ZNumericToleranceConfig = z.object({
  type: z.literal("numeric_tolerance"),
  name,
  expected_key: expectedKey,
  /** |actual − expected| ≤ max(abs_tol, rel_tol · max(|actual|, |expected|)), as Python's math.isclose. */
  abs_tol: z.number().min(0).default(0),
  rel_tol: z.number().min(0).default(0),
});

export const ZJsonEqualConfig = z.object({ type: z.literal("json_equal"), name, expected_key: expectedKey });
export const ZLatencyConfig = z.object({ type: z.literal("latency"), name, max_ms: z.number().int().positive() });
export const ZNoErrorConfig = z.object({ type: z.literal("no_error"), name });

// LLM judges, after MLflow's predefined scorers (mlflow/genai/scorers/builtin_scorers.py).
export const ZCorrectnessConfig = z.object({ type: z.literal("correctness"), name });
export const ZGuidelinesConfig = z.object({
  type: z.literal("guidelines"),
  name,
  guidelines: z.array(z.string().trim().min(1)).min(1),
});
export const ZRelevanceToQueryConfig = z.object({ type: z.literal("relevance_to_query"), name });
export const ZRetrievalGroundednessConfig = z.object({ type: z.literal("retrieval_groundedness"), name });
export const ZSafetyConfig = z.object({ type: z.literal("safety"), name });

export const ZCodeScorerConfig = z.discriminatedUnion("type", [
  ZExactMatchConfig,
  ZContainsConfig,
  ZTokenF1Config,
  ZRougeLConfig,
  ZNumericToleranceConfig,
  ZJsonEqualConfig,
  ZLatencyConfig,
  ZNoErrorConfig,
]);

export const ZJudgeScorerConfig = z.discriminatedUnion("type", [
  ZCorrectnessConfig,
  ZGuidelinesConfig,
  ZRelevanceToQueryConfig,
  ZRetrievalGroundednessConfig,
  ZSafetyConfig,
]);

/** One scorer of an evaluation run, discriminated on `type`. */
export const ZScorerConfig = z.discriminatedUnion("type", [...ZCodeScorerConfig.options, ...ZJudgeScorerConfig.options]);

export const CODE_SCORER_TYPES = ZCodeScorerConfig.options.map((o) => o.shape.type.value);
export const JUDGE_SCORER_TYPES = ZJudgeScorerConfig.options.map((o) => o.shape.type.value);

/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, Azure-compatible proxies, vLLM, Ollama,
 * LiteLLM...). `api_key` is a secret: never echo it back in DTOs or error messages.
 */
export const ZJudgeEndpointConfig = z.object({
  /** e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  base_url: z.url({ protocol: /^https?$/ }),
  api_key: z.string().min(1).optional(),
  model: z.string().trim().min(1),
  timeout_ms: z.number().int().positive().max(600_000).default(30_000),
  /** Retries after the first attempt; 0 disables retrying. */
  max_retries: z.number().int().min(0).max(10).default(3),
});

export type TExactMatchConfig = z.infer<typeof ZExactMatchConfig>;
export type TContainsConfig = z.infer<typeof ZContainsConfig>;
export type TTokenF1Config = z.infer<typeof ZTokenF1Config>;
export type TRougeLConfig = z.infer<typeof ZRougeLConfig>;
export type TNumericToleranceConfig = z.infer<typeof ZNumericToleranceConfig>;
export type TJsonEqualConfig = z.infer<typeof ZJsonEqualConfig>;
export type TLatencyConfig = z.infer<typeof ZLatencyConfig>;
export type TNoErrorConfig = z.infer<typeof ZNoErrorConfig>;
export type TCodeScorerConfig = z.infer<typeof ZCodeScorerConfig>;
export type TJudgeScorerConfig = z.infer<typeof ZJudgeScorerConfig>;
export type TScorerConfig = z.infer<typeof ZScorerConfig>;
/** Input shape (defaults not yet applied), e.g. for forms. */
export type TScorerConfigInput = z.input<typeof ZScorerConfig>;
export type TJudgeEndpointConfig = z.infer<typeof ZJudgeEndpointConfig>;
export type TJudgeEndpointConfigInput = z.input<typeof ZJudgeEndpointConfig>;
