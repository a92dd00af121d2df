/**
 * Client-safe zod contracts for labeling: label schemas (the product's "questions") and
 * labeling sessions. Shared by forms and REST handlers.
 *
 * Naming: every zod contract starts with `Z` and every inferred type with `T`, so a
 * `ZCreateLabelSchemaBody` (a request contract) is never confused with a *label schema*
 * (a product entity). Fields are camelCase, like the rest of the app's own API; the MLflow
 * routes (lib/mlflow/routes/label-schemas.ts, review-queues.ts) speak MLflow's snake_case and
 * map onto these contracts.
 */
import { z } from "zod";
import { ZPageTokenQuery } from "@/lib/paging/schemas";

// ---------------------------------------------------------------- label schema fields

/**
 * The schema name is also the name of the assessments it produces. MLflow rejects `.` in
 * assessment names, so we allow only letters, digits, `_` and `-` (MLflow's OSS label
 * schemas allow alphanumerics and `_`; `-` is kept because Databricks review apps accept it).
 */
export const LABEL_SCHEMA_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_OPTIONS = 50;
export const MAX_INSTRUCTION_CHARS = 5000;
export const MAX_COMMENT_CHARS = 5000;

export const ZLabelSchemaName = z
  .string({ error: "must be text" })
  .min(1, "must not be empty")
  .max(150, "must be at most 150 characters")
  .regex(
    LABEL_SCHEMA_NAME_PATTERN,
    "may contain only letters, digits, '_' and '-' (MLflow forbids '.' in assessment names)",
  );

export const ZLabelSchemaType = z.enum(["feedback", "expectation"], { error: "must be 'feedback' or 'expectation'" });
export type TLabelSchemaType = z.infer<typeof ZLabelSchemaType>;

const ZOptions = z
  .array(
    z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(256, "must be at most 256 characters"),
    {
      error: "must be a list of options",
    },
  )
  .min(1, "must have at least one option")
  .max(MAX_OPTIONS, `must have at most ${MAX_OPTIONS} options`)
  .superRefine((options, ctx) => {
    // Duplicates would make answers ambiguous and break agreement statistics per option.
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o)) ctx.addIssue({ code: "custom", path: [i], message: `'${o}' is listed more than once` });
      seen.add(o);
    });
  });

const ZPositiveInt = z
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .positive("must be greater than 0");
// zod 4 already rejects NaN and ±Infinity; the message tells a non-number from a non-finite one.
const ZFiniteNumber = z.number({
  error: (iss) => (typeof iss.input === "number" ? "must be a finite number" : "must be a number"),
});

/**
 * Optional hints carried for MLflow's OSS label schemas (docs/mlflow-labeling.md): which end of
 * the options is positive, and whether a two-option categorical is MLflow's `passFail` toggle
 * (options = [positive_label, negative_label]). Neither changes which answers are valid.
 */
const categoricalHints = {
  semanticPolarity: z.enum(["ASCENDING", "DESCENDING"], { error: "must be ASCENDING or DESCENDING" }).optional(),
  passFail: z.literal(true).optional(),
};
export const ZCategoricalInput = z.object({ type: z.literal("categorical"), options: ZOptions, ...categoricalHints });
export const ZCategoricalListInput = z.object({
  type: z.literal("categorical_list"),
  options: ZOptions,
  semanticPolarity: categoricalHints.semanticPolarity,
});
export const ZTextInput = z.object({ type: z.literal("text"), maxLength: ZPositiveInt.optional() });
export const ZTextListInput = z.object({
  type: z.literal("text_list"),
  maxLengthEach: ZPositiveInt.optional(),
  maxCount: ZPositiveInt.optional(),
});
export const ZNumericInput = z
  .object({ type: z.literal("numeric"), minValue: ZFiniteNumber.optional(), maxValue: ZFiniteNumber.optional() })
  .refine((v) => v.minValue === undefined || v.maxValue === undefined || v.minValue <= v.maxValue, {
    message: "must not be greater than maxValue",
    path: ["minValue"],
  });

/** Exactly one input kind, discriminated on `type` (MLflow's `InputCategorical`, `InputText`, ...). */
export const ZLabelSchemaInput = z.discriminatedUnion("type", [
  ZCategoricalInput,
  ZCategoricalListInput,
  ZTextInput,
  ZTextListInput,
  ZNumericInput,
]);
export type TLabelSchemaInput = z.infer<typeof ZLabelSchemaInput>;
export type TLabelInputType = TLabelSchemaInput["type"];
export const LABEL_INPUT_TYPES = [
  "categorical",
  "categorical_list",
  "text",
  "text_list",
  "numeric",
] as const satisfies readonly TLabelInputType[];

const labelSchemaFields = {
  name: ZLabelSchemaName,
  type: ZLabelSchemaType,
  title: z
    .string({ error: "must be text" })
    .trim()
    .min(1, "must not be empty")
    .max(256, "must be at most 256 characters"),
  /** Markdown shown to reviewers above the question. */
  instruction: z
    .string({ error: "must be text" })
    .max(MAX_INSTRUCTION_CHARS, `must be at most ${MAX_INSTRUCTION_CHARS} characters`)
    .optional(),
  enableComment: z.boolean({ error: "must be true or false" }).default(false),
  input: ZLabelSchemaInput,
};

/** A label schema as the validators and the UI need it (no ids, no timestamps). */
export const ZLabelSchemaDefinition = z.object(labelSchemaFields);
export type TLabelSchemaDefinition = z.infer<typeof ZLabelSchemaDefinition>;

/** POST body to create a label schema; `overwrite` replaces an existing one with that name. */
export const ZCreateLabelSchemaBody = z.object({
  ...labelSchemaFields,
  overwrite: z.boolean({ error: "must be true or false" }).default(false),
});
export type TCreateLabelSchemaBody = z.infer<typeof ZCreateLabelSchemaBody>;

/**
 * PATCH body. `name` and `type` are deliberately absent (and rejected by `strictObject`): the
 * name is the assessment name of every existing label and the type decides feedback vs
 * expectation, which MLflow cannot switch. Whether a new `input` keeps existing labels valid
 * is checked by `isEditCompatible` in the service, which knows whether the schema is in use.
 */
export const ZUpdateLabelSchemaBody = z
  .strictObject({
    title: labelSchemaFields.title.optional(),
    instruction: labelSchemaFields.instruction.nullable(),
    enableComment: z.boolean({ error: "must be true or false" }).optional(),
    input: ZLabelSchemaInput.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "must change at least one field" });
export type TUpdateLabelSchemaBody = z.infer<typeof ZUpdateLabelSchemaBody>;

// ------------------------------------------------ MLflow / Databricks JSON compatibility

const KEYED_INPUTS = LABEL_INPUT_TYPES;

/** MLflow, Databricks and our stored input configs spell fields in snake_case; the API in camelCase. */
const camelToSnake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeToCamel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const renameKeys = (o: object, f: (k: string) => string) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v]));

/**
 * Accepts the Databricks review-app shape (`{type:"FEEDBACK", categorical:{options}}`, input
 * keyed by kind, possibly at the top level) and MLflow's keyed `input` object, and rewrites it
 * into our discriminated form. Anything it does not recognise is passed through untouched so
 * the strict schema reports the real problem.
 */
export function normalizeLabelSchemaJson(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const body: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (typeof body.type === "string") body.type = body.type.toLowerCase();
  const keyedInput = (holder: Record<string, unknown>) => {
    const keys = KEYED_INPUTS.filter((k) => holder[k] !== undefined && holder[k] !== null);
    // Databricks/MLflow spell the input's fields in snake_case (min_value): ours are camelCase.
    return keys.length === 1 ? { type: keys[0], ...renameKeys(holder[keys[0]] as object, snakeToCamel) } : undefined;
  };
  if (body.input && typeof body.input === "object" && !("type" in body.input)) {
    body.input = keyedInput(body.input as Record<string, unknown>) ?? body.input;
  } else if (body.input === undefined) {
    const input = keyedInput(body);
    if (input) {
      body.input = input;
      for (const k of KEYED_INPUTS) delete body[k];
    }
  }
  return body;
}

/** `ZCreateLabelSchemaBody` that also accepts MLflow/Databricks-style JSON (for REST). */
export const ZCreateLabelSchemaBodyCompat = z.preprocess(normalizeLabelSchemaJson, ZCreateLabelSchemaBody);

/**
 * Storage mapping for `LabelSchema.inputType` / `LabelSchema.inputConfig` (Prisma). The stored
 * JSON keeps the snake_case keys it was first written with (`min_value`, `max_length_each`, ...,
 * as MLflow spells them), so rows written before the API moved to camelCase need no migration.
 */
export function toStoredInput(input: TLabelSchemaInput): { inputType: string; inputConfig: string } {
  const { type, ...config } = input;
  return { inputType: type.toUpperCase(), inputConfig: JSON.stringify(renameKeys(config, camelToSnake)) };
}

/** Inverse of `toStoredInput`; throws a ZodError if the stored row is corrupt. */
export function fromStoredInput(inputType: string, inputConfig: string): TLabelSchemaInput {
  const config = renameKeys(JSON.parse(inputConfig || "{}") as object, snakeToCamel);
  return ZLabelSchemaInput.parse({ ...config, type: inputType.toLowerCase() });
}

// ------------------------------------------------------------------- labeling sessions

const ZUserRef = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(320, "must be at most 320 characters");

/** A session's instructions: blank text is stored as none (null). */
const ZSessionInstructions = z
  .string({ error: "must be text" })
  .max(MAX_INSTRUCTION_CHARS, `must be at most ${MAX_INSTRUCTION_CHARS} characters`)
  .transform((t) => (t.trim() ? t : null));

/**
 * POST body to create a labeling session. `labelSchemas` holds schema names or ids and
 * `assignedUsers` holds user ids or emails (MLflow's `assignedUsers` are emails); the
 * service resolves both and reports the ones it cannot find.
 */
export const ZCreateLabelingSessionBody = z.object({
  name: z
    .string({ error: "must be text" })
    .trim()
    .min(1, "must not be empty")
    .max(256, "must be at most 256 characters"),
  labelSchemas: z
    .array(ZUserRef)
    .min(1, "must name at least one label schema")
    .max(50, "must have at most 50 label schemas"),
  assignedUsers: z.array(ZUserRef).max(500, "must have at most 500 users").default([]),
  /** How many different reviewers must label each item; more than 1 enables agreement statistics. */
  labelsPerItem: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(20, "must be at most 20")
    .default(1),
  /** When true any reviewer of the experiment may work the queue, not only `assignedUsers`. */
  openToAllReviewers: z.boolean({ error: "must be true or false" }).default(false),
  /** When true a reviewer sees the other reviewers' labels on an item once they have submitted their own (default false). */
  revealLabelsAfterSubmit: z.boolean({ error: "must be true or false" }).optional(),
  /** Markdown shown to every reviewer above the questions; empty means none. */
  instructions: ZSessionInstructions.optional(),
});
export type TCreateLabelingSessionBody = z.infer<typeof ZCreateLabelingSessionBody>;

export const ZUpdateLabelingSessionBody = z
  .strictObject({
    name: ZCreateLabelingSessionBody.shape.name.optional(),
    labelSchemas: ZCreateLabelingSessionBody.shape.labelSchemas.optional(),
    assignedUsers: z.array(ZUserRef).max(500, "must have at most 500 users").optional(),
    labelsPerItem: ZCreateLabelingSessionBody.shape.labelsPerItem.unwrap().optional(),
    openToAllReviewers: z.boolean({ error: "must be true or false" }).optional(),
    revealLabelsAfterSubmit: z.boolean({ error: "must be true or false" }).optional(),
    /** Text replaces the instructions; "" or null removes them. */
    instructions: ZSessionInstructions.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "must change at least one field" });
export type TUpdateLabelingSessionBody = z.infer<typeof ZUpdateLabelingSessionBody>;

export const MAX_ITEMS_PER_ADD = 1000;

/** Add traces to a session: an explicit list of trace ids, or a trace search `filter` string. */
export const ZAddSessionItemsBody = z
  .object({
    traceIds: z
      .array(z.string({ error: "must be text" }).trim().min(1, "must not be empty"))
      .min(1, "must have at least one trace id")
      .max(MAX_ITEMS_PER_ADD, `must have at most ${MAX_ITEMS_PER_ADD} trace ids`)
      .optional(),
    filter: z
      .string({ error: "must be text" })
      .trim()
      .min(1, "must not be empty")
      .max(4000, "must be at most 4000 characters")
      .optional(),
  })
  .refine((b) => (b.traceIds === undefined) !== (b.filter === undefined), {
    message: "give either traceIds or filter, not both and not neither",
  });
export type TAddSessionItemsBody = z.infer<typeof ZAddSessionItemsBody>;

/**
 * A reviewer's answers for one item, keyed by label schema name. `value` is checked against
 * each schema by `validateAnswers` (lib/labeling/label-input.ts), which knows the input types.
 */
export const ZSubmitLabelsBody = z.object({
  answers: z.record(
    z.string(),
    z.object({
      value: z.unknown(),
      comment: z
        .string({ error: "must be text" })
        .max(MAX_COMMENT_CHARS, `must be at most ${MAX_COMMENT_CHARS} characters`)
        .optional(),
    }),
  ),
  /** Also claim the reviewer's next item and answer it as `next` (Submit and Next in one round trip). */
  next: z.boolean({ error: "must be true or false" }).optional(),
});
export type TSubmitLabelsBody = z.infer<typeof ZSubmitLabelsBody>;

// ------------------------------------------------------------------ REST request shapes

const ZExperimentId = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters");

/** POST /api/labeling/schemas: the create body plus the experiment it belongs to (MLflow/Databricks JSON accepted). */
export const ZCreateLabelSchemaRequest = z.preprocess(
  normalizeLabelSchemaJson,
  ZCreateLabelSchemaBody.extend({ experimentId: ZExperimentId }),
);
export type TCreateLabelSchemaRequest = z.infer<typeof ZCreateLabelSchemaRequest>;

/** POST /api/labeling/sessions. */
export const ZCreateLabelingSessionRequest = ZCreateLabelingSessionBody.extend({ experimentId: ZExperimentId });
export type TCreateLabelingSessionRequest = z.infer<typeof ZCreateLabelingSessionRequest>;

/** `?experimentId=` plus a page token (lib/paging): every list is paginated on the server. */
export const ZExperimentListQuery = ZPageTokenQuery.extend({ experimentId: ZExperimentId });
export type TExperimentListQuery = z.infer<typeof ZExperimentListQuery>;

/** DELETE /api/labeling/sessions/<id>/items: by item ids or by trace ids. */
export const ZRemoveSessionItemsBody = z
  .object({
    itemIds: z.array(z.string().min(1)).min(1).max(MAX_ITEMS_PER_ADD).optional(),
    traceIds: z.array(z.string().min(1)).min(1).max(MAX_ITEMS_PER_ADD).optional(),
  })
  .refine((b) => (b.itemIds === undefined) !== (b.traceIds === undefined), {
    message: "give either itemIds or traceIds",
  });
export type TRemoveSessionItemsBody = z.infer<typeof ZRemoveSessionItemsBody>;

/** PUT .../items/<itemId>/draft: unsent answers, kept as they are (validated only on submit). */
export const ZSaveDraftBody = z.object({ answers: z.record(z.string(), z.unknown()) });
export type TSaveDraftBody = z.infer<typeof ZSaveDraftBody>;

export const ZExportQuery = z.object({
  format: z.enum(["csv", "jsonl"], { error: "must be 'csv' or 'jsonl'" }).default("csv"),
});

/** POST …/sessions/:id/sync: the evaluation dataset the session's expectation labels go to. */
export const ZSyncSessionBody = z.object({ datasetName: z.string().trim().min(1).max(200) });
export type TSyncSessionBody = z.infer<typeof ZSyncSessionBody>;
