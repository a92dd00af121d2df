import "server-only";
/** MLflow runs/search, runs/log-parameter, runs/log-metric and metrics/get-history over lib/tracking-runs. */
import { z } from "zod";
import { logRunBatch } from "@/lib/tracking-runs/service";
import { getMetricHistory, searchRuns } from "@/lib/tracking-runs/search";
import { ZInt64, ZStrList, defineRoute, type MlflowRoute } from "../router";
import { runToWire } from "./experiments-runs";

const V2 = ["2.0"] as const;
const ZRunRef = z
  .object({ run_id: z.string().optional(), run_uuid: z.string().optional() })
  .passthrough()
  .refine((b) => b.run_id || b.run_uuid, { message: "run_id is required", path: ["run_id"] });
const runIdOf = (b: { run_id?: string; run_uuid?: string }) => (b.run_id ?? b.run_uuid)!;

export const runDataRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/search",
    role: "DEVELOPER",
    input: z.object({
      experiment_ids: ZStrList.default([]),
      filter: z.string().optional(),
      run_view_type: z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).optional(),
      max_results: ZInt64.pipe(z.number().int().min(1).max(50000)).optional(),
      order_by: ZStrList.optional(),
      page_token: z.string().optional(),
    }),
    handler: async ({ actor, input }) => {
      const page = await searchRuns(actor, {
        experimentIds: input.experiment_ids,
        filter: input.filter,
        runViewType: input.run_view_type,
        maxResults: input.max_results,
        orderBy: input.order_by,
        pageToken: input.page_token,
      });
      return {
        runs: page.runs.map(runToWire),
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  }),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/log-parameter",
    role: "DEVELOPER",
    input: ZRunRef.and(z.object({ key: z.string().min(1, "is required"), value: z.string() })),
    handler: async ({ actor, input }) => {
      await logRunBatch(actor, runIdOf(input), { params: [{ key: input.key, value: input.value }] });
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/log-metric",
    role: "DEVELOPER",
    input: ZRunRef.and(
      z.object({
        key: z.string().min(1, "is required"),
        value: z.union([z.number(), z.string()]).transform(Number),
        timestamp: ZInt64,
        step: ZInt64.optional(),
      }),
    ),
    handler: async ({ actor, input }) => {
      await logRunBatch(actor, runIdOf(input), {
        metrics: [{ key: input.key, value: input.value, timestampMs: input.timestamp, step: input.step ?? 0 }],
      });
      return {};
    },
  }),
  defineRoute({
    method: "GET",
    versions: V2,
    path: "metrics/get-history",
    role: "DEVELOPER",
    input: ZRunRef.and(z.object({ metric_key: z.string({ error: "is required" }).min(1, "is required") })),
    handler: async ({ actor, input }) => ({
      metrics: (await getMetricHistory(actor, runIdOf(input), input.metric_key)).map((m) => ({
        key: m.key,
        value: m.value,
        timestamp: m.timestampMs,
        step: m.step,
      })),
    }),
  }),
];
