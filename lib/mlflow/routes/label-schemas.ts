import "server-only";
/** MLflow 3.14–3.17 label-schema RPCs (mlflow-api.md §4.4, label_schemas.proto) over lib/labeling/label-schemas/service. */
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { issuePath } from "@/lib/http/errors";
import {
  createLabelSchema,
  deleteLabelSchema,
  getLabelSchema,
  getLabelSchemaByName,
  listLabelSchemas,
  updateLabelSchema,
} from "@/lib/labeling/label-schemas/service";
import { ZCreateLabelSchemaRequest, ZUpdateLabelSchemaBody } from "@/lib/labeling/schemas";
import { ZInt64, defineRoute, type MlflowRoute } from "../router";
import {
  ZLabelSchemaInputWire,
  ZLabelSchemaTypeWire,
  fromSchemaWireId,
  inputFromWire,
  labelSchemaToWire,
  type TLabelSchemaInputWire,
} from "../labeling-wire";

const V3 = ["3.0"] as const;
/** A required proto string: "is required" when absent, so the 400 names the missing field. */
export const ZRequired = z
  .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
  .min(1, "is required");
export const ZMaxResults = ZInt64.pipe(z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000"));
const ZOptStr = z.string({ error: "must be text" }).optional();
const ZOptBool = z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true");

const ZSchemaFields = z.object({
  experiment_id: ZRequired,
  name: ZRequired,
  type: ZLabelSchemaTypeWire,
  title: ZRequired,
  input: ZLabelSchemaInputWire,
  instruction: ZOptStr,
  enable_comment: ZOptBool.optional(),
});
type TSchemaFields = z.output<typeof ZSchemaFields>;

/** A field of our camelCase contract as MLflow spells it (minValue → min_value). */
const snake = (k: PropertyKey) => (typeof k === "string" ? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : k);

/** Our contract's issue path, spelled as the MLflow field it came from (input.minValue → input.numeric.min_value). */
function wirePath(path: readonly PropertyKey[], kind: string): string {
  const wire = path.map(snake);
  return issuePath("body", wire[0] === "input" ? ["input", kind, ...wire.slice(1)] : wire);
}

function checked<T>(schema: z.ZodType<T>, value: unknown, kind: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: wirePath(i.path, kind), message: i.message }));
  throw new ValidationError(`Invalid ${issues[0]!.path}: ${issues[0]!.message}`, { issues });
}

/** Create/Upsert body → our create request, validated by our own rules (names, options, bounds). */
function toCreate(b: TSchemaFields, overwrite: boolean) {
  const { input, kind } = inputFromWire(b.input);
  return checked(
    ZCreateLabelSchemaRequest,
    {
      experimentId: b.experiment_id,
      name: b.name,
      type: b.type.toLowerCase(),
      title: b.title,
      ...(b.instruction !== undefined ? { instruction: b.instruction } : {}),
      enableComment: b.enable_comment ?? false,
      input,
      overwrite,
    },
    kind,
  );
}

const one = async (p: Promise<Parameters<typeof labelSchemaToWire>[0]>) => ({
  label_schema: labelSchemaToWire(await p),
});

export const labelSchemaRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V3,
    path: "label-schemas/create",
    role: "DEVELOPER",
    input: ZSchemaFields,
    handler: ({ actor, input }) => one(createLabelSchema(actor, toCreate(input, false))),
  }),
  // Replace by (experiment_id, name); a type change is refused before anything is written.
  defineRoute({
    method: "POST",
    versions: V3,
    path: "label-schemas/upsert",
    role: "DEVELOPER",
    input: ZSchemaFields,
    handler: ({ actor, input }) => one(createLabelSchema(actor, toCreate(input, true))),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "label-schemas/get",
    role: "REVIEWER",
    input: z.object({ schema_id: ZRequired }),
    handler: ({ actor, input }) => one(getLabelSchema(actor, fromSchemaWireId(input.schema_id))),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "label-schemas/get-by-name",
    role: "REVIEWER",
    input: z.object({ experiment_id: ZRequired, name: ZRequired }),
    handler: ({ actor, input }) => one(getLabelSchemaByName(actor, input.experiment_id, input.name)),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "label-schemas/list",
    role: "REVIEWER",
    input: z.object({ experiment_id: ZRequired, max_results: ZMaxResults.optional(), page_token: ZOptStr }),
    handler: async ({ actor, input }) => {
      const page = await listLabelSchemas(actor, {
        experimentId: input.experiment_id,
        maxResults: input.max_results ?? 100,
        pageToken: input.page_token,
      });
      return {
        label_schemas: page.schemas.map(labelSchemaToWire),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  }),
  // Sparse: only fields present change; "" is a real value. `type` is immutable, and so (here) is `name`.
  defineRoute({
    method: "PATCH",
    versions: V3,
    path: "label-schemas/update",
    role: "DEVELOPER",
    input: z.object({
      schema_id: ZRequired,
      name: ZOptStr,
      title: ZOptStr,
      instruction: ZOptStr,
      enable_comment: ZOptBool.optional(),
      input: ZLabelSchemaInputWire.optional(),
      type: z.unknown().optional(),
    }),
    handler: async ({ actor, input: b }) => {
      const id = fromSchemaWireId(b.schema_id);
      const current = await getLabelSchema(actor, id);
      if (b.type !== undefined && String(b.type).toUpperCase() !== current.type.toUpperCase())
        throw new ValidationError("Invalid type: a label schema's type is immutable; create a new schema instead");
      if (b.name !== undefined && b.name !== current.name)
        throw new ValidationError(
          "Invalid name: renaming a label schema is not supported (the name is the name of its assessments)",
        );
      const wireInput = b.input as TLabelSchemaInputWire | undefined;
      const converted = wireInput ? inputFromWire(wireInput) : undefined;
      const patch = {
        ...(b.title !== undefined ? { title: b.title } : {}),
        ...(b.instruction !== undefined ? { instruction: b.instruction } : {}),
        ...(b.enable_comment !== undefined ? { enableComment: b.enable_comment } : {}),
        ...(converted ? { input: converted.input } : {}),
      };
      if (!Object.keys(patch).length) return { label_schema: labelSchemaToWire(current) };
      return one(updateLabelSchema(actor, id, checked(ZUpdateLabelSchemaBody, patch, converted?.kind ?? "")));
    },
  }),
  // Idempotent: a missing schema is a no-op. A schema that sessions use is refused (ours is stricter).
  defineRoute({
    method: "DELETE",
    versions: V3,
    path: "label-schemas/delete",
    role: "DEVELOPER",
    input: z.object({ schema_id: ZRequired }),
    handler: async ({ actor, input }) => {
      await deleteLabelSchema(actor, fromSchemaWireId(input.schema_id), { missingOk: true });
      return {};
    },
  }),
];
