/**
 * MLflow 3.17 wire shapes of label schemas and review queues (mlflow/protos/label_schemas.proto,
 * review_queues.proto) and their mapping onto ours (docs/mlflow-labeling.md). Ids carry MLflow's
 * prefixes on the wire (`ls-` schemas, `rq-` queues) and are stripped on the way in; our own ids
 * without the prefix are accepted too.
 */
import { z } from "zod";
import type { LabelSchemaDto } from "@/lib/labeling/label-schemas/service";
import type { TLabelSchemaInput } from "@/lib/labeling/schemas";
import type { ReviewQueueDto } from "@/lib/labeling/review-queues/service";
import type { ReviewQueueItemDto } from "@/lib/labeling/review-queues/items";

export const schemaWireId = (id: string) => `ls-${id}`;
export const queueWireId = (id: string) => `rq-${id}`;
export const fromSchemaWireId = (id: string) => id.replace(/^ls-/, "");
export const fromQueueWireId = (id: string) => id.replace(/^rq-/, "");

/**
 * A proto enum as MLflow's JSON parser takes it: the value's name (or its number). The
 * `*_UNSPECIFIED` zero value and unknown names are rejected with a message naming the values.
 */
export function ZProtoEnum<const V extends readonly [string, ...string[]]>(unspecified: string, values: V) {
  return z.union([z.string(), z.number()], { error: `must be one of ${values.join(", ")}` }).transform((raw, ctx) => {
    const v = typeof raw === "number" ? (raw === 0 ? unspecified : values[raw - 1]) : raw.toUpperCase();
    if (v === unspecified) {
      ctx.addIssue({ code: "custom", message: `must not be ${unspecified}; use one of ${values.join(", ")}` });
      return z.NEVER;
    }
    if (!v || !(values as readonly string[]).includes(v)) {
      ctx.addIssue({ code: "custom", message: `unknown value '${String(raw)}'; use one of ${values.join(", ")}` });
      return z.NEVER;
    }
    return v as V[number];
  });
}

export const ZLabelSchemaTypeWire = ZProtoEnum("LABEL_SCHEMA_TYPE_UNSPECIFIED", ["FEEDBACK", "EXPECTATION"]);
const ZPolarity = ZProtoEnum("CATEGORICAL_SEMANTIC_POLARITY_UNSPECIFIED", ["ASCENDING", "DESCENDING"]);
const ZBool = z
  .union([z.boolean(), z.enum(["true", "false", "True", "False"])])
  .transform((v) => String(v).toLowerCase() === "true");
const ZNum = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)]).transform(Number);

/** `LabelSchemaInput`: a oneof of pass_fail | categorical | numeric, plus 3.17's OSS `text` and our `text_list`. */
export const ZLabelSchemaInputWire = z
  .object({
    pass_fail: z.object({ positive_label: z.string().optional(), negative_label: z.string().optional() }).optional(),
    categorical: z
      .object({
        options: z.array(z.string()).default([]),
        semantic_polarity: ZPolarity.optional(),
        multi_select: ZBool.optional(),
      })
      .optional(),
    numeric: z.object({ min_value: ZNum.optional(), max_value: ZNum.optional() }).optional(),
    text: z.object({ max_length: ZNum.optional() }).optional(),
    text_list: z.object({ max_length_each: ZNum.optional(), max_count: ZNum.optional() }).optional(),
  })
  .superRefine((v, ctx) => {
    const set = Object.entries(v).filter(([, x]) => x !== undefined);
    if (set.length !== 1)
      ctx.addIssue({
        code: "custom",
        message: `must set exactly one of pass_fail, categorical, numeric, text${set.length ? ` (got ${set.map(([k]) => k).join(", ")})` : ""}`,
      });
  });
export type TLabelSchemaInputWire = z.output<typeof ZLabelSchemaInputWire>;

/** Wire input → ours (validated afterwards by our own contract, which names the field). */
export function inputFromWire(w: TLabelSchemaInputWire): { input: Record<string, unknown>; kind: string } {
  if (w.pass_fail)
    return {
      kind: "pass_fail",
      input: {
        type: "categorical",
        options: [w.pass_fail.positive_label || "Pass", w.pass_fail.negative_label || "Fail"],
        passFail: true,
        semanticPolarity: "ASCENDING",
      },
    };
  if (w.categorical)
    return {
      kind: "categorical",
      input: {
        type: w.categorical.multi_select ? "categorical_list" : "categorical",
        options: w.categorical.options,
        ...(w.categorical.semantic_polarity ? { semanticPolarity: w.categorical.semantic_polarity } : {}),
      },
    };
  if (w.numeric)
    return {
      kind: "numeric",
      input: { type: "numeric", minValue: w.numeric.min_value, maxValue: w.numeric.max_value },
    };
  if (w.text) return { kind: "text", input: { type: "text", maxLength: w.text.max_length } };
  return {
    kind: "text_list",
    input: { type: "text_list", maxLengthEach: w.text_list?.max_length_each, maxCount: w.text_list?.max_count },
  };
}

export function inputToWire(i: TLabelSchemaInput): Record<string, unknown> {
  switch (i.type) {
    case "categorical":
      if (i.passFail) return { pass_fail: { positive_label: i.options[0], negative_label: i.options[1] } };
      return { categorical: { options: i.options, multi_select: false, ...polarity(i.semanticPolarity) } };
    case "categorical_list":
      return { categorical: { options: i.options, multi_select: true, ...polarity(i.semanticPolarity) } };
    case "numeric":
      return { numeric: { ...opt("min_value", i.minValue), ...opt("max_value", i.maxValue) } };
    case "text":
      return { text: opt("max_length", i.maxLength) };
    case "text_list":
      return { text_list: { ...opt("max_length_each", i.maxLengthEach), ...opt("max_count", i.maxCount) } };
  }
}
const polarity = (p: string | undefined) => (p ? { semantic_polarity: p } : {});
const opt = (k: string, v: number | undefined) => (v === undefined ? {} : { [k]: v });

export function labelSchemaToWire(s: LabelSchemaDto) {
  return {
    schema_id: schemaWireId(s.id),
    experiment_id: s.experimentId,
    name: s.name,
    type: s.type.toUpperCase(),
    title: s.title,
    ...(s.instruction != null ? { instruction: s.instruction } : {}),
    enable_comment: s.enableComment,
    input: inputToWire(s.input),
    ...(s.createdBy ? { created_by: s.createdBy } : {}),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function reviewQueueToWire(q: ReviewQueueDto) {
  return {
    queue_id: queueWireId(q.id),
    experiment_id: q.experiment_id,
    name: q.name,
    queue_type: q.queue_type,
    ...(q.created_by ? { created_by: q.created_by } : {}),
    creation_time_ms: q.created_at,
    last_update_time_ms: q.updated_at,
    users: q.users,
    // A USER queue resolves to all of the experiment's schemas at read time: empty on the wire.
    schema_ids: q.queue_type === "USER" ? [] : q.schema_ids.map(schemaWireId),
  };
}

export function reviewQueueItemToWire(i: ReviewQueueItemDto) {
  return {
    queue_id: queueWireId(i.queue_id),
    item_type: "TRACE",
    item_id: i.trace_id,
    status: i.status,
    ...(i.completed_by ? { completed_by: i.completed_by, completed_time_ms: i.completed_at } : {}),
    creation_time_ms: i.created_at,
    last_update_time_ms: i.updated_at,
  };
}
