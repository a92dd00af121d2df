import "server-only";
/** MLflow 3 logged models (service.proto: CreateLoggedModel, GetLoggedModel, FinalizeLoggedModel, SearchLoggedModels) over lib/logged-models. */
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import {
  createLoggedModel,
  finalizeLoggedModel,
  getLoggedModel,
  searchLoggedModels,
  type LoggedModelDto,
} from "@/lib/logged-models/service";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { ZInt64, ZStrList, defineRoute, type MlflowRoute } from "../router";
import { ZRequired } from "./label-schemas";

const V3 = ["3.0"] as const;
const ZOptStr = z.string({ error: "must be text" }).optional();
const ZKeyValues = z
  .array(z.object({ key: ZRequired, value: z.string({ error: "must be text" }).default("") }))
  .default([])
  .transform((kvs) => Object.fromEntries(kvs.map((kv) => [kv.key, kv.value])));
const kv = (m: Record<string, string>) => Object.entries(m).map(([key, value]) => ({ key, value }));

export function loggedModelToWire(m: LoggedModelDto) {
  return {
    info: {
      model_id: m.id,
      experiment_id: m.experimentId,
      name: m.name,
      creation_timestamp_ms: m.createdAt,
      last_updated_timestamp_ms: m.updatedAt,
      artifact_uri: `mlflow-artifacts:/${m.experimentId}/models/${m.id}/artifacts`,
      status: m.status,
      ...(m.modelType ? { model_type: m.modelType } : {}),
      ...(m.sourceRunId ? { source_run_id: m.sourceRunId } : {}),
      ...(m.statusMessage ? { status_message: m.statusMessage } : {}),
      tags: kv(m.tags),
    },
    data: { params: kv(m.params), metrics: [] },
  };
}

const ORDER = {
  creation_timestamp: "createdAt",
  creation_time: "createdAt",
  last_updated_timestamp: "updatedAt",
  name: "name",
} as const;

export const loggedModelRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V3,
    path: "logged-models",
    role: "DEVELOPER",
    input: z.object({
      experiment_id: ZRequired,
      name: ZOptStr,
      model_type: ZOptStr,
      source_run_id: ZOptStr,
      params: ZKeyValues,
      tags: ZKeyValues,
    }),
    handler: async ({ actor, input }) => ({
      model: loggedModelToWire(
        await createLoggedModel(actor, {
          experimentId: input.experiment_id,
          name: input.name,
          modelType: input.model_type,
          sourceRunId: input.source_run_id,
          params: input.params,
          tags: input.tags,
        }),
      ),
    }),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "logged-models/:modelId",
    role: "REVIEWER",
    input: z.object({}).passthrough(),
    handler: async ({ actor, params }) => ({ model: loggedModelToWire(await getLoggedModel(actor, params.modelId!)) }),
  }),
  defineRoute({
    method: "PATCH",
    versions: V3,
    path: "logged-models/:modelId",
    role: "DEVELOPER",
    input: z.object({
      status: z.enum(["LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED"], {
        error: (iss) =>
          iss.input === undefined ? "is required" : "must be LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED",
      }),
    }),
    handler: async ({ actor, params, input }) => ({
      model: loggedModelToWire(await finalizeLoggedModel(actor, params.modelId!, input.status)),
    }),
  }),
  defineRoute({
    method: "POST",
    versions: V3,
    path: "logged-models/search",
    role: "REVIEWER",
    input: z.object({
      experiment_ids: ZStrList.default([]),
      filter: ZOptStr,
      max_results: ZInt64.pipe(
        z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000"),
      ).optional(),
      order_by: z.array(z.object({ field_name: ZRequired, ascending: z.boolean().optional() })).default([]),
      page_token: ZOptStr,
    }),
    handler: async ({ actor, input }) => {
      if (!input.experiment_ids.length)
        throw new ValidationError("Invalid experiment_ids: at least one experiment id is required", {
          issues: [{ path: "experiment_ids", message: "at least one experiment id is required" }],
        });
      // MLflow's model filter language (metrics, params, attributes) is not served: say so instead of ignoring it.
      if (input.filter?.trim())
        throw new ValidationError("Invalid filter: filtering logged models is not supported by this server", {
          issues: [{ path: "filter", message: "filtering logged models is not supported by this server" }],
        });
      const orderBy = input.order_by.map((o) => {
        const field = ORDER[o.field_name.replace(/^attributes\./, "") as keyof typeof ORDER];
        if (!field)
          throw new ValidationError(
            `Invalid order_by.field_name: '${o.field_name}' (creation_timestamp, last_updated_timestamp or name)`,
            {
              issues: [{ path: "order_by.field_name", message: "unsupported field" }],
            },
          );
        return { field, dir: o.ascending === false ? ("desc" as const) : ("asc" as const) };
      });
      const offset = decodePageToken(input.page_token);
      const take = input.max_results ?? 50;
      const models = await searchLoggedModels(actor, { experimentIds: input.experiment_ids, orderBy, offset, take });
      const next = nextPageToken(offset, take, models.length);
      return { models: models.map(loggedModelToWire), ...(next ? { next_page_token: next } : {}) };
    },
  }),
];
