/**
 * Assessment contracts (client-safe): MLflow's feedback/expectation entity in our camelCase
 * shape. The MLflow REST layer maps its JSON to these; the UI forms validate with them too.
 */
import { z } from "zod";

export const ASSESSMENT_KINDS = ["FEEDBACK", "EXPECTATION"] as const;
export const ZAssessmentKind = z.enum(ASSESSMENT_KINDS);
export type TAssessmentKind = z.infer<typeof ZAssessmentKind>;

export const ASSESSMENT_SOURCE_TYPES = ["HUMAN", "LLM_JUDGE", "CODE", "SOURCE_TYPE_UNSPECIFIED"] as const;
export const ZAssessmentSourceType = z.enum(ASSESSMENT_SOURCE_TYPES);

/** Metadata key that carries the run an assessment belongs to (MLflow has no run_id field). */
export const SOURCE_RUN_ID_METADATA_KEY = "mlflow.assessment.sourceRunId";
/** On a HUMAN assessment that settles reviewers' disagreement (labeling adjudication): "true". Dataset sync and judge alignment prefer it. */
export const ADJUDICATED_METADATA_KEY = "tracelight.adjudicated";
/** On an adjudicated assessment: the comma-separated ids of the reviewers' assessments it resolves. */
export const RESOLVES_METADATA_KEY = "tracelight.resolves";
/** MLflow's trace metadata key for the conversation (session) a trace belongs to; session-level assessments carry it too. */
export const TRACE_SESSION_METADATA_KEY = "mlflow.trace.session";

export const ZAssessmentName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(256, "Name is longer than 256 characters")
  .refine((n) => !n.includes("."), "Name must not contain '.'");

export const ZAssessmentSource = z.object({
  sourceType: ZAssessmentSourceType,
  sourceId: z.string().min(1).max(512).default("default"),
});
export type TAssessmentSource = z.infer<typeof ZAssessmentSource>;

export const ZAssessmentError = z.object({
  errorCode: z.string().min(1).max(256),
  errorMessage: z.string().max(10_000).nullish(),
  // MLflow truncates stack traces to 1000 characters.
  stackTrace: z
    .string()
    .nullish()
    .transform((s) => (s == null ? s : s.slice(0, 1000))),
});
export type TAssessmentError = z.infer<typeof ZAssessmentError>;

/** A JSON value (what `google.protobuf.Value` can carry). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export const ZJsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(ZJsonValue), z.record(z.string(), ZJsonValue)]),
);

const ZMetadata = z.record(z.string(), z.string());

/** Body of "create an assessment on a trace" (the trace id comes from the path). */
export const ZCreateAssessmentBody = z
  .object({
    name: ZAssessmentName,
    kind: ZAssessmentKind,
    value: ZJsonValue.optional(),
    error: ZAssessmentError.nullish(),
    rationale: z.string().max(100_000).nullish(),
    source: ZAssessmentSource.optional(),
    spanId: z.string().min(1).max(64).nullish(),
    metadata: ZMetadata.optional(),
    overrides: z.string().min(1).nullish(),
    runId: z.string().min(1).max(64).nullish(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === "FEEDBACK" && b.value === undefined && !b.error) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Feedback needs a value or an error" });
    }
    if (b.kind === "EXPECTATION" && b.error)
      ctx.addIssue({ code: "custom", path: ["error"], message: "Expectations cannot carry an error" });
    if (b.kind === "EXPECTATION" && b.value === undefined)
      ctx.addIssue({ code: "custom", path: ["value"], message: "Expectation needs a value" });
  });
export type TCreateAssessmentBody = z.infer<typeof ZCreateAssessmentBody>;
/** Alias used by the services' signatures. */
export type TCreateAssessmentInput = z.input<typeof ZCreateAssessmentBody>;

/**
 * Fields an update may set. `mask` says which of them to apply; it accepts our names (name,
 * value, error, rationale, metadata, valid) and MLflow's (assessmentName/assessment_name,
 * feedback, expectation). An empty mask applies every field present in the patch.
 */
export const ZUpdateAssessmentBody = z.object({
  name: ZAssessmentName.optional(),
  kind: ZAssessmentKind.optional(),
  value: ZJsonValue.optional(),
  error: ZAssessmentError.nullish(),
  rationale: z.string().max(100_000).nullish(),
  metadata: ZMetadata.optional(),
  valid: z.boolean().optional(),
  mask: z.array(z.string()).default([]),
});
export type TUpdateAssessmentBody = z.infer<typeof ZUpdateAssessmentBody>;
export type TUpdateAssessmentPatch = Omit<z.input<typeof ZUpdateAssessmentBody>, "mask">;

/** An assessment as every service and API of ours returns it. */
export interface AssessmentDto {
  assessmentId: string;
  traceId: string;
  spanId: string | null;
  name: string;
  kind: TAssessmentKind;
  value: JsonValue;
  error: { errorCode: string; errorMessage: string | null; stackTrace: string | null } | null;
  rationale: string | null;
  source: { sourceType: string; sourceId: string };
  metadata: Record<string, string>;
  overrides: string | null;
  valid: boolean;
  runId: string | null;
  createdById: string | null;
  createTimeMs: number;
  lastUpdateTimeMs: number;
}

/** The run an assessment belongs to (it carries its run id): an evaluation, a labeling session, or another MLflow run. */
export interface AssessmentRunRef {
  runId: string;
  /** The evaluation run's or labeling session's name, else the MLflow run's (the id when unknown). */
  name: string;
  kind: "EVALUATION" | "LABELING" | "RUN";
}

/**
 * A distinct (name, kind, run) present in an experiment. Names without a run (human and
 * production feedback) are the traces table's default columns; names of a run are opt-in
 * columns grouped by run, so evaluation scores never pile onto the production view.
 */
export interface AssessmentNameDto {
  name: string;
  kind: TAssessmentKind;
  run: AssessmentRunRef | null;
}
