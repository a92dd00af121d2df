import "server-only";
/**
 * MLflow 3 evaluation-dataset REST (mlflow-api.md §5.4, datasets.proto) over lib/evaluation/datasets:
 * what `mlflow.genai.datasets.create_dataset / get_dataset / search_datasets / delete_dataset` and
 * `EvaluationDataset.merge_records / to_df` send. Our datasets belong to exactly one experiment and
 * are versioned: every merge writes a new version, and MLflow always reads the current one.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { deleteDataset, searchDatasets, type DatasetSearch } from "@/lib/evaluation/datasets/catalog";
import {
  createDataset,
  getDataset,
  listDatasetRecords,
  mergeDatasetRecords,
  type DatasetDto,
  type DatasetRecordDto,
} from "@/lib/evaluation/datasets/service";
import { ZDatasetRecordInput } from "@/lib/evaluation/schemas";
import { ValidationError } from "@/lib/errors";
import { issuePath } from "@/lib/http/errors";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { ZInt64, ZStrList, defineRoute, type MlflowRoute } from "../router";
import { ZRequired } from "./label-schemas";

const V3 = ["3.0"] as const;
const ZOptStr = z.string({ error: "must be text" }).optional();

/** MLflow's Dataset message. `digest` changes with every version, as MLflow's does with every merge. */
export function datasetToWire(d: DatasetDto) {
  return {
    dataset_id: d.id,
    name: d.name,
    digest: createHash("sha256").update(`${d.id}:${d.currentVersion}`).digest("hex").slice(0, 8),
    created_time: d.createdAt,
    last_update_time: d.updatedAt,
    experiment_ids: [d.experimentId],
  };
}

function recordToWire(d: DatasetDto, r: DatasetRecordDto) {
  return {
    dataset_record_id: r.id,
    dataset_id: d.id,
    inputs: r.inputs,
    expectations: r.expectations,
    ...(r.outputs !== null ? { outputs: r.outputs } : {}),
    tags: r.tags,
    ...(r.sourceTraceId
      ? { source: { source_type: "TRACE", source_data: { trace_id: r.sourceTraceId } }, source_type: "TRACE" }
      : {}),
    source_id: r.sourceTraceId ?? undefined,
    created_time: d.createdAt,
    last_update_time: d.updatedAt,
  };
}

const invalid = (field: string, message: string) =>
  new ValidationError(`Invalid ${field}: ${message}`, { issues: [{ path: field, message }] });

/** `records` is a JSON string of a list of `{inputs, expectations?, outputs?, tags?, source?}`. */
function parseRecords(text: string) {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    throw invalid("records", "must be a JSON string of a list of records");
  }
  if (!Array.isArray(list)) throw invalid("records", "must be a JSON list of records");
  const mapped = list.map((r, i) => {
    if (!r || typeof r !== "object" || Array.isArray(r)) throw invalid(`records[${i}]`, "must be an object");
    const { source, ...rest } = r as Record<string, unknown>;
    const data = (source as { source_data?: { trace_id?: unknown } } | undefined)?.source_data;
    // A record merged from a trace keeps its link (our sourceTraceId); other sources carry none.
    return typeof data?.trace_id === "string" ? { ...rest, sourceTraceId: data.trace_id } : rest;
  });
  // Our record contract (non-empty inputs, string tags, trace ids); the 400 names the MLflow field.
  const parsed = z.array(ZDatasetRecordInput).max(10_000, "at most 10000 records per call").safeParse(mapped);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [index, ...rest] = issue.path;
  const field = typeof index === "number" ? issuePath(`records[${index}]`, rest) : "records";
  throw invalid(field, issue.message);
}

const CONDITION =
  /^\s*(name|created_time|last_update_time)\s*(=|!=|>=|<=|>|<|LIKE|ILIKE)\s*('(?:[^']|'')*'|"[^"]*"|\d+)\s*$/i;

/** MLflow's dataset filter: `AND`-joined conditions on name (=, !=, LIKE, ILIKE) and the two times. */
function parseFilter(filter: string | undefined): Pick<DatasetSearch, "name" | "time"> {
  const out: Required<Pick<DatasetSearch, "name" | "time">> = { name: [], time: [] };
  if (!filter?.trim()) return out;
  for (const part of filter.split(/\s+AND\s+/i)) {
    const m = CONDITION.exec(part);
    if (!m) {
      const why = /^\s*tags\./i.test(part) ? "dataset tags are not stored by this server" : "unsupported condition";
      throw invalid("filter_string", `${why}: '${part.trim()}'`);
    }
    const [, field, rawOp, raw] = m as unknown as [string, string, string, string];
    const op = rawOp.toUpperCase();
    const quoted = /^['"]/.test(raw);
    if (field.toLowerCase() === "name") {
      if (!quoted || !["=", "!=", "LIKE", "ILIKE"].includes(op))
        throw invalid("filter_string", `name takes =, !=, LIKE or ILIKE and a quoted value: '${part.trim()}'`);
      const value = raw.slice(1, -1).replace(/''/g, "'");
      out.name.push({ op: op as "=" | "!=" | "LIKE" | "ILIKE", value });
    } else {
      if (quoted || op === "!=" || op.endsWith("LIKE"))
        throw invalid("filter_string", `${field} takes a comparison with a number: '${part.trim()}'`);
      const f = field.toLowerCase() === "created_time" ? "createdAt" : "updatedAt";
      out.time.push({ field: f, op: op as ">" | ">=" | "<" | "<=" | "=", value: Number(raw) });
    }
  }
  return out;
}

const ORDER = { name: "name", created_time: "createdAt", last_update_time: "updatedAt" } as const;
function parseOrder(order: string[]): DatasetSearch["orderBy"] {
  if (!order.length) return [{ field: "createdAt", dir: "desc" }];
  return order.map((o) => {
    const m = /^\s*(name|created_time|last_update_time)(?:\s+(ASC|DESC))?\s*$/i.exec(o);
    if (!m) throw invalid("order_by", `unsupported order '${o}' (name, created_time or last_update_time, ASC|DESC)`);
    return {
      field: ORDER[m[1]!.toLowerCase() as keyof typeof ORDER],
      dir: m[2]?.toLowerCase() === "desc" ? "desc" : "asc",
    };
  });
}

const ZMax = ZInt64.pipe(z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000"));

export const datasetRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V3,
    path: "datasets/create",
    role: "DEVELOPER",
    input: z.object({ name: ZRequired, experiment_ids: ZStrList.default([]), tags: ZOptStr }),
    handler: async ({ actor, input }) => {
      if (input.experiment_ids.length !== 1)
        throw invalid("experiment_ids", "must name exactly one experiment (a Tracelight dataset lives in one)");
      if (input.tags && input.tags !== "{}") throw invalid("tags", "dataset tags are not stored by this server");
      const r = await createDataset(actor, input.experiment_ids[0]!, { name: input.name });
      return { dataset: datasetToWire(r.dataset) };
    },
  }),
  // POST and GET (service.proto maps both); the client POSTs.
  ...(["POST", "GET"] as const).map((method) =>
    defineRoute({
      method,
      versions: V3,
      path: "datasets/search",
      role: "DEVELOPER",
      input: z.object({
        experiment_ids: ZStrList.default([]),
        filter_string: ZOptStr,
        max_results: ZMax.optional(),
        order_by: ZStrList.default([]),
        page_token: ZOptStr,
      }),
      handler: async ({ actor, input }) => {
        const offset = decodePageToken(input.page_token);
        const take = input.max_results ?? 1000;
        const rows = await searchDatasets(actor, {
          experimentIds: input.experiment_ids,
          ...parseFilter(input.filter_string),
          orderBy: parseOrder(input.order_by),
          offset,
          take,
        });
        const next = nextPageToken(offset, take, rows.length);
        return { datasets: rows.map(datasetToWire), ...(next ? { next_page_token: next } : {}) };
      },
    }),
  ),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "datasets/:datasetId",
    role: "DEVELOPER",
    input: z.object({}).passthrough(),
    handler: async ({ actor, params }) => ({ dataset: datasetToWire(await getDataset(actor, params.datasetId!)) }),
  }),
  defineRoute({
    method: "DELETE",
    versions: V3,
    path: "datasets/:datasetId",
    role: "DEVELOPER",
    input: z.object({}).passthrough(),
    handler: async ({ actor, params }) => {
      await deleteDataset(actor, params.datasetId!);
      return {};
    },
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "datasets/:datasetId/experiment-ids",
    role: "DEVELOPER",
    input: z.object({}).passthrough(),
    handler: async ({ actor, params }) => ({
      experiment_ids: [(await getDataset(actor, params.datasetId!)).experimentId],
    }),
  }),
  // Upsert by inputs hash into a new version (the service's merge); counts as MLflow reports them.
  defineRoute({
    method: "POST",
    versions: V3,
    path: "datasets/:datasetId/records",
    role: "DEVELOPER",
    input: z.object({ records: ZRequired }),
    handler: async ({ actor, params, input }) => {
      const records = parseRecords(input.records);
      const r = await mergeDatasetRecords(actor, params.datasetId!, { records });
      return { inserted_count: r.inserted, updated_count: r.updated };
    },
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "datasets/:datasetId/records",
    role: "DEVELOPER",
    input: z.object({ max_results: ZMax.optional(), page_token: ZOptStr }),
    handler: async ({ actor, params, input }) => {
      const offset = decodePageToken(input.page_token);
      const size = input.max_results ?? 1000;
      if (offset % size !== 0) throw invalid("page_token", "was issued for a different max_results");
      const d = await getDataset(actor, params.datasetId!);
      const page = await listDatasetRecords(actor, d.id, { page: offset / size + 1, pageSize: size });
      const next =
        offset + page.records.length < page.total ? nextPageToken(offset, size, page.records.length) : undefined;
      return {
        records: JSON.stringify(page.records.map((r) => recordToWire(d, r))),
        ...(next ? { next_page_token: next } : {}),
      };
    },
  }),
];
