import "server-only";
/** MLflow trace endpoints (docs/mlflow-compatibility.md §3) over lib/traces and the ingestion writer. */
import { z } from "zod";
import { renderStoredTracesJson } from "@/lib/artifacts/traces-json";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { newTraceId } from "@/lib/ids";
import { upsertTraceInfo, TRACE_STATES } from "@/lib/ingestion/trace-info-writer";
import { linkTracesToRun } from "@/lib/tracking-runs/service";
import {
  batchGetTraceInfos,
  deleteTraceTag,
  deleteTraces,
  getTraceInfo,
  setTraceTag,
  traceSpanPages,
} from "@/lib/traces/service";
import { jsonStreamResponse } from "@/lib/http/json-stream";
import { searchTraces } from "@/lib/traces/search/service";
import { ZLooseBool, ZInt64, ZStrList, defineRoute, type MlflowRoute } from "../router";
import { parseDuration, parseTimestamp, traceInfoToV2, traceInfoToV3, traceToWireJsonParts } from "../wire";

const BOTH = ["2.0", "3.0"] as const;
const V3 = ["3.0"] as const;
const V2 = ["2.0"] as const;

const ZStrMap = z.record(z.string(), z.string());
const ZKeyValues = z.array(z.object({ key: z.string(), value: z.string() })).default([]);
const kvToMap = (kv: { key: string; value: string }[]) => Object.fromEntries(kv.map((p) => [p.key, p.value]));
const ZMaxResults = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v, ctx) => {
    const n = v === undefined ? 100 : Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 500) {
      ctx.addIssue({ code: "custom", message: "max_results must be an integer from 1 to 500" });
      return z.NEVER;
    }
    return n;
  });

const ZTraceInfoV3 = z.object({
  trace_id: z.string({ error: "trace_id is required" }),
  client_request_id: z.string().nullish(),
  trace_location: z
    .object({ type: z.string().optional(), mlflow_experiment: z.object({ experiment_id: z.string() }).optional() })
    .optional(),
  request_time: z.unknown().optional(),
  execution_duration: z.unknown().optional(),
  state: z.enum(TRACE_STATES).optional(),
  request_preview: z.string().nullish(),
  response_preview: z.string().nullish(),
  trace_metadata: ZStrMap.optional(),
  tags: ZStrMap.optional(),
});

async function infoV3(actor: Parameters<typeof getTraceInfo>[0], traceId: string) {
  return traceInfoToV3(await getTraceInfo(actor, traceId));
}

export const traceRoutes: MlflowRoute[] = [
  // StartTraceV3: create-or-complete (clients call it when the root span ends).
  defineRoute({
    method: "POST",
    versions: V3,
    path: "traces",
    role: "DEVELOPER",
    input: z.object({ trace: z.object({ trace_info: ZTraceInfoV3 }) }),
    handler: async ({ actor, input }) => {
      const i = input.trace.trace_info;
      const experimentId = i.trace_location?.mlflow_experiment?.experiment_id;
      if (!experimentId)
        throw new ValidationError("trace.trace_info.trace_location.mlflow_experiment.experiment_id is required");
      const { traceId } = await upsertTraceInfo(actor, {
        traceId: i.trace_id,
        experimentId,
        clientRequestId: i.client_request_id,
        requestTimeMs: parseTimestamp(i.request_time, "trace_info.request_time"),
        executionTimeMs: parseDuration(i.execution_duration, "trace_info.execution_duration"),
        state: i.state,
        requestPreview: i.request_preview,
        responsePreview: i.response_preview,
        metadata: i.trace_metadata,
        tags: i.tags,
      });
      return { trace: { trace_info: await infoV3(actor, traceId) } };
    },
  }),
  // StartTrace (v2 fallback): a new trace id, IN_PROGRESS until EndTrace.
  defineRoute({
    method: "POST",
    versions: V2,
    path: "traces",
    role: "DEVELOPER",
    input: z.object({
      experiment_id: z.string(),
      timestamp_ms: ZInt64.optional(),
      request_metadata: ZKeyValues,
      tags: ZKeyValues,
    }),
    handler: async ({ actor, input }) => {
      const { traceId } = await upsertTraceInfo(actor, {
        traceId: newTraceId(),
        experimentId: input.experiment_id,
        requestTimeMs: input.timestamp_ms ?? Date.now(),
        state: "IN_PROGRESS",
        metadata: kvToMap(input.request_metadata),
        tags: kvToMap(input.tags),
      });
      return { trace_info: traceInfoToV2(await getTraceInfo(actor, traceId)) };
    },
  }),
  // EndTrace (v2 fallback).
  defineRoute({
    method: "PATCH",
    versions: V2,
    path: "traces/:traceId",
    role: "DEVELOPER",
    input: z.object({
      timestamp_ms: ZInt64.optional(),
      status: z.string().optional(),
      request_metadata: ZKeyValues,
      tags: ZKeyValues,
    }),
    handler: async ({ actor, input, params }) => {
      const before = await getTraceInfo(actor, params.traceId!);
      const state = input.status === "OK" || input.status === "ERROR" ? input.status : undefined;
      await upsertTraceInfo(actor, {
        traceId: before.traceId,
        experimentId: before.experimentId,
        state,
        executionTimeMs: input.timestamp_ms != null ? input.timestamp_ms - before.timestampMs : null,
        metadata: kvToMap(input.request_metadata),
        tags: kvToMap(input.tags),
      });
      return { trace_info: traceInfoToV2(await getTraceInfo(actor, before.traceId)) };
    },
  }),
  // SearchTracesV3.
  defineRoute({
    method: "POST",
    versions: V3,
    path: "traces/search",
    role: "DEVELOPER",
    input: z.object({
      locations: z
        .array(z.object({ mlflow_experiment: z.object({ experiment_id: z.string() }).optional() }))
        .optional(),
      experiment_ids: ZStrList.optional(),
      filter: z.string().nullish(),
      max_results: ZMaxResults,
      order_by: ZStrList.optional(),
      page_token: z.string().nullish(),
    }),
    handler: async ({ actor, input }) => {
      const experimentIds = [
        ...(input.locations ?? []).flatMap((l) => (l.mlflow_experiment ? [l.mlflow_experiment.experiment_id] : [])),
        ...(input.experiment_ids ?? []),
      ];
      if (!experimentIds.length)
        throw new ValidationError("locations: at least one MLFLOW_EXPERIMENT location is required");
      const res = await searchTraces(actor, {
        experimentIds,
        filter: input.filter,
        orderBy: input.order_by,
        pageToken: input.page_token,
        maxResults: input.max_results,
      });
      return {
        traces: res.traces.map(traceInfoToV3),
        ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
      };
    },
  }),
  // SearchTraces (v2 fallback).
  defineRoute({
    method: "GET",
    versions: V2,
    path: "traces",
    role: "DEVELOPER",
    input: z.object({
      experiment_ids: ZStrList,
      filter: z.string().optional(),
      max_results: ZMaxResults,
      order_by: ZStrList.optional(),
      page_token: z.string().optional(),
    }),
    handler: async ({ actor, input }) => {
      const res = await searchTraces(actor, {
        experimentIds: input.experiment_ids,
        filter: input.filter,
        orderBy: input.order_by,
        pageToken: input.page_token,
        maxResults: input.max_results,
      });
      return {
        traces: res.traces.map(traceInfoToV2),
        ...(res.nextPageToken ? { next_page_token: res.nextPageToken } : {}),
      };
    },
  }),
  // GetTraceInfoV3 and the v2 GetTraceInfo.
  defineRoute({
    method: "GET",
    versions: V3,
    path: "traces/:traceId",
    role: "DEVELOPER",
    input: z.object({}),
    handler: async ({ actor, params }) => ({ trace: { trace_info: await infoV3(actor, params.traceId!) } }),
  }),
  defineRoute({
    method: "GET",
    versions: BOTH,
    path: "traces/:traceId/info",
    role: "DEVELOPER",
    input: z.object({}),
    handler: async ({ actor, params }) => ({ trace_info: traceInfoToV2(await getTraceInfo(actor, params.traceId!)) }),
  }),
  // GetTrace: info and spans (`allow_partial` accepted in any spelling; we always return what is stored).
  defineRoute({
    method: "GET",
    versions: BOTH,
    path: "traces/get",
    role: "DEVELOPER",
    input: z.object({ trace_id: z.string({ error: "trace_id is required" }), allow_partial: ZLooseBool.optional() }),
    // Streamed a page of spans at a time: a trace's content is unbounded (50,000 spans, megabyte inputs).
    handler: async ({ actor, input }) => {
      const info = await getTraceInfo(actor, input.trace_id);
      return jsonStreamResponse(
        (async function* () {
          yield '{"trace":';
          yield* traceToWireJsonParts(info, traceSpanPages(info.traceId));
          yield "}";
        })(),
      );
    },
  }),
  // BatchGetTraces.
  defineRoute({
    method: "GET",
    versions: BOTH,
    path: "traces/batchGet",
    role: "DEVELOPER",
    input: z.object({ trace_ids: ZStrList.refine((ids) => ids.length <= 100, "at most 100 trace ids") }),
    handler: async ({ actor, input }) => {
      const infos = await batchGetTraceInfos(actor, input.trace_ids);
      return jsonStreamResponse(
        (async function* () {
          yield '{"traces":[';
          for (const [i, info] of infos.entries()) {
            if (i) yield ",";
            yield* traceToWireJsonParts(info, traceSpanPages(info.traceId));
          }
          yield "]}";
        })(),
      );
    },
  }),
  // BatchGetTraceInfos (3.11).
  defineRoute({
    method: "POST",
    versions: V3,
    path: "traces/batchGetInfos",
    role: "DEVELOPER",
    input: z.object({ trace_ids: ZStrList.refine((ids) => ids.length <= 100, "at most 100 trace ids") }),
    handler: async ({ actor, input }) => ({
      trace_infos: (await batchGetTraceInfos(actor, input.trace_ids)).map(traceInfoToV3),
    }),
  }),
  // DeleteTraces / DeleteTracesV3.
  defineRoute({
    method: "POST",
    versions: BOTH,
    path: "traces/delete-traces",
    role: "DEVELOPER",
    input: z.object({
      experiment_id: z.string({ error: "experiment_id is required" }),
      max_timestamp_millis: ZInt64.optional(),
      max_traces: ZInt64.optional(),
      request_ids: ZStrList.optional(),
      trace_ids: ZStrList.optional(),
    }),
    handler: async ({ actor, input }) => {
      const ids = [...(input.request_ids ?? []), ...(input.trace_ids ?? [])];
      const byTime = input.max_timestamp_millis != null;
      if (byTime === ids.length > 0)
        throw new ValidationError("Send either request_ids, or max_timestamp_millis with max_traces");
      const which = byTime
        ? { maxTimestampMs: input.max_timestamp_millis!, maxTraces: input.max_traces ?? 100_000 }
        : { traceIds: ids };
      return { traces_deleted: await deleteTraces(actor, input.experiment_id, which) };
    },
  }),
  // SetTraceTag / DeleteTraceTag (JSON body or ?key=).
  defineRoute({
    method: "PATCH",
    versions: BOTH,
    path: "traces/:traceId/tags",
    role: "DEVELOPER",
    input: z.object({ key: z.string().min(1, "key is required").max(250), value: z.string().max(8000) }),
    handler: async ({ actor, input, params }) => {
      await setTraceTag(actor, params.traceId!, input.key, input.value);
      return {};
    },
  }),
  defineRoute({
    method: "DELETE",
    versions: BOTH,
    path: "traces/:traceId/tags",
    role: "DEVELOPER",
    input: z.object({ key: z.string({ error: "key is required" }).min(1, "key is required") }),
    handler: async ({ actor, input, params }) => {
      await deleteTraceTag(actor, params.traceId!, input.key);
      return {};
    },
  }),
  // LinkTracesToRun.
  defineRoute({
    method: "POST",
    versions: BOTH,
    path: "traces/link-to-run",
    role: "DEVELOPER",
    input: z.object({ trace_ids: ZStrList, run_id: z.string({ error: "run_id is required" }) }),
    handler: async ({ actor, input }) => {
      await linkTracesToRun(actor, input.run_id, input.trace_ids);
      return {};
    },
  }),
  // get-trace-artifact (the UI's traces.json download), rendered from the stored spans.
  defineRoute({
    method: "GET",
    versions: BOTH,
    path: "get-trace-artifact",
    role: "DEVELOPER",
    input: z.object({ request_id: z.string({ error: "request_id is required" }) }),
    handler: async ({ actor, input }) => {
      const text = await renderStoredTracesJson(actor, input.request_id);
      if (text === null) throw new NotFoundError(`Trace with ID '${input.request_id}' not found`);
      return new Response(text, { headers: { "content-type": "application/json" } });
    },
  }),
];
