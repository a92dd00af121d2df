/**
 * zod contracts for evaluation: which scorers a run uses and how to reach the judge model.
 * Client-safe (no server imports), shared by forms and REST handlers.
 */
import { z } from "zod";
import { ZPageQuery } from "@/lib/paging/schemas";

/** Key in `expectations` holding the reference value; MLflow's convention is `expected_response`. */
const expectedKey = z.string().min(1).default("expected_response");
/** Optional display/assessment name; defaults to the scorer type (MLflow's `Guidelines(name=)`). */
const name = z.string().min(1).max(256).optional();
/** A pass threshold in [0, 1]. When set, similarity scorers answer pass/fail instead of the raw score. */
const threshold = z.number().min(0).max(1).optional();

export const ZExactMatchConfig = z.object({
  type: z.literal("exact_match"),
  name,
  expectedKey: expectedKey,
  ignoreCase: z.boolean().default(false),
});

export const ZContainsConfig = z.object({
  type: z.literal("contains"),
  name,
  expectedKey: expectedKey,
  ignoreCase: z.boolean().default(false),
  /** With several expected substrings: must all appear, or is one enough? */
  mode: z.enum(["all", "any"]).default("all"),
});

export const ZTokenF1Config = z.object({ type: z.literal("token_f1"), name, expectedKey: expectedKey, threshold });
export const ZRougeLConfig = z.object({ type: z.literal("rouge_l"), name, expectedKey: expectedKey, threshold });

export const ZNumericToleranceConfig = z.object({
  type: z.literal("numeric_tolerance"),
  name,
  expectedKey: expectedKey,
  /** |actual − expected| ≤ max(absTol, relTol · max(|actual|, |expected|)), as Python's math.isclose. */
  absTol: z.number().min(0).default(0),
  relTol: z.number().min(0).default(0),
});

export const ZJsonEqualConfig = z.object({ type: z.literal("json_equal"), name, expectedKey: expectedKey });
export const ZLatencyConfig = z.object({ type: z.literal("latency"), name, maxMs: z.number().int().positive() });
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
export const ZScorerConfig = z.discriminatedUnion("type", [
  ...ZCodeScorerConfig.options,
  ...ZJudgeScorerConfig.options,
]);

export const CODE_SCORER_TYPES = ZCodeScorerConfig.options.map((o) => o.shape.type.value);
export const JUDGE_SCORER_TYPES = ZJudgeScorerConfig.options.map((o) => o.shape.type.value);

/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, Azure-compatible proxies, vLLM, Ollama,
 * LiteLLM...). `apiKey` is a secret: never echo it back in DTOs or error messages.
 */
export const ZJudgeEndpointConfig = z.object({
  /** e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  apiKey: z.string().min(1).optional(),
  model: z.string().trim().min(1),
  timeoutMs: z.number().int().positive().max(600_000).default(30_000),
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: z.number().int().min(0).max(10).default(3),
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

// ---------------------------------------------------------------- judge settings

/** PUT /api/evaluation/judge-settings. `apiKey`: omitted keeps the stored key, null clears it. */
export const ZUpdateJudgeSettingsBody = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  model: z.string().trim().min(1).max(200),
  apiKey: z.string().min(1).max(1000).nullable().optional(),
  timeoutMs: z.number().int().positive().max(600_000).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
});
export type TUpdateJudgeSettingsBody = z.infer<typeof ZUpdateJudgeSettingsBody>;

// ---------------------------------------------------------------- datasets

const ZJsonObject = z.record(z.string(), z.unknown());
const ZTraceId = z.string().regex(/^tr-[0-9a-f]{32}$/, "must be a trace id (tr- followed by 32 hex characters)");

/** One record as MLflow's `merge_records` takes it: `inputs` is a non-empty object. */
export const ZDatasetRecordInput = z.object({
  inputs: ZJsonObject.refine((o) => Object.keys(o).length > 0, "must have at least one key"),
  expectations: ZJsonObject.default({}),
  outputs: z.unknown().optional(),
  tags: z.record(z.string(), z.string()).default({}),
  sourceTraceId: ZTraceId.optional(),
});
export type TDatasetRecordInput = z.infer<typeof ZDatasetRecordInput>;

/** Upload limit for JSONL/CSV text (also enforced on the request body). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const ZDatasetUpload = z.object({
  format: z.enum(["jsonl", "csv"]),
  content: z.string().min(1).max(MAX_UPLOAD_BYTES),
});
export type TDatasetUpload = z.infer<typeof ZDatasetUpload>;

/** Where records come from: one of a labeling session, trace ids, records, or an uploaded file. */
const recordSources = {
  sessionId: z.string().min(1).optional(),
  traceIds: z.array(ZTraceId).min(1).max(1000).optional(),
  records: z.array(ZDatasetRecordInput).max(10_000).optional(),
  upload: ZDatasetUpload.optional(),
};
type Sources = { sessionId?: unknown; traceIds?: unknown; records?: unknown; upload?: unknown };
const sourceCount = (b: Sources) =>
  [b.sessionId, b.traceIds, b.records, b.upload].filter((x) => x !== undefined).length;
const oneSource = (b: Sources) => sourceCount(b) <= 1;

export const ZCreateDatasetBody = z
  .object({ name: z.string().trim().min(1).max(200), ...recordSources })
  .refine(oneSource, "give at most one of sessionId, traceIds, records, upload");
export type TCreateDatasetBody = z.infer<typeof ZCreateDatasetBody>;

export const ZMergeDatasetRecordsBody = z
  .object({ note: z.string().max(500).optional(), ...recordSources })
  .refine((b) => sourceCount(b) === 1, "give exactly one of sessionId, traceIds, records, upload");
export type TMergeDatasetRecordsBody = z.infer<typeof ZMergeDatasetRecordsBody>;

export const ZUpdateDatasetRecordBody = z.object({ expectations: ZJsonObject });
export type TUpdateDatasetRecordBody = z.infer<typeof ZUpdateDatasetRecordBody>;

export const ZDatasetRecordsQuery = ZPageQuery.extend({ version: z.coerce.number().int().min(1).optional() });
export type TDatasetRecordsQuery = z.infer<typeof ZDatasetRecordsQuery>;

// ---------------------------------------------------------------- runs

/** Where a run's outputs come from: the traces as recorded, or calling the app again. */
export const ZOutputSource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("trace") }),
  z.object({
    kind: z.literal("openai_chat"),
    baseUrl: z.url({ protocol: /^https?$/ }),
    model: z.string().trim().min(1),
    apiKey: z.string().min(1).optional(),
    systemPrompt: z.string().max(20_000).optional(),
    /** Input key holding the user message; without it a `messages` list or the whole inputs as JSON is sent. */
    inputKey: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().max(600_000).default(60_000),
  }),
  z.object({
    kind: z.literal("json_post"),
    url: z.url({ protocol: /^https?$/ }),
    /** Wrap the inputs under this key (`{[bodyKey]: inputs}`); without it the inputs are the body. */
    bodyKey: z.string().min(1).optional(),
    /** Dotted path of the output in the response JSON, e.g. `answer` or `choices.0.message.content`. */
    responsePath: z.string().min(1).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().positive().max(600_000).default(60_000),
  }),
]);
export type TOutputSource = z.infer<typeof ZOutputSource>;

export const ZCreateEvaluationRunBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    datasetId: z.string().min(1).optional(),
    /** Dataset version; the current one when omitted. */
    datasetVersion: z.number().int().min(1).optional(),
    /** MLflow trace filter, used instead of a dataset (e.g. `tags.env = 'prod'`). */
    filter: z.string().max(5000).optional(),
    maxRows: z.number().int().min(1).max(5000).default(500),
    scorers: z.array(ZScorerConfig).min(1).max(20),
    outputSource: ZOutputSource.default({ kind: "trace" }),
    concurrency: z.number().int().min(1).max(16).default(4),
  })
  .refine((b) => (b.datasetId === undefined) !== (b.filter === undefined), "give exactly one of datasetId or filter")
  .refine(
    (b) => new Set(b.scorers.map((s) => s.name ?? s.type)).size === b.scorers.length,
    "scorer names must be unique (set `name` to tell two of a type apart)",
  );
export type TCreateEvaluationRunBody = z.infer<typeof ZCreateEvaluationRunBody>;
export type TCreateEvaluationRunInput = z.input<typeof ZCreateEvaluationRunBody>;

export const ZRunRowsQuery = ZPageQuery.extend({ status: z.enum(["PENDING", "DONE", "ERROR"]).optional() });
export type TRunRowsQuery = z.infer<typeof ZRunRowsQuery>;
export const ZCompareRunsQuery = ZPageQuery.extend({ other: z.string().min(1) });
export type TCompareRunsQuery = z.infer<typeof ZCompareRunsQuery>;
