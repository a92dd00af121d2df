import "server-only";
/** MLflow experiments and (minimal) runs endpoints over lib/experiments and lib/tracking-runs. */
import { z } from "zod";
import {
  createExperiment,
  deleteExperiment,
  getExperiment,
  getExperimentByName,
  listExperiments,
} from "@/lib/experiments/service";
import { createRun, getRun, logRunBatch, setRunTag, updateRun } from "@/lib/tracking-runs/service";
import type { RunDto } from "@/lib/tracking-runs/schemas";
import { ZRunStatus } from "@/lib/tracking-runs/schemas";
import { decodePageToken, encodePageToken } from "@/lib/traces/search";
import { ZInt64, defineRoute, type MlflowRoute } from "../router";
import { experimentToWire } from "../wire";

const V2 = ["2.0"] as const;
const ZTags = z.array(z.object({ key: z.string(), value: z.string() })).default([]);

function runToWire(r: RunDto) {
  return {
    info: {
      run_id: r.runId,
      run_uuid: r.runId,
      run_name: r.name,
      experiment_id: r.experimentId,
      status: r.status,
      start_time: r.startTimeMs,
      ...(r.endTimeMs != null ? { end_time: r.endTimeMs } : {}),
      artifact_uri: `mlflow-artifacts:/${r.experimentId}/${r.runId}/artifacts`,
      lifecycle_stage: r.lifecycleStage,
    },
    data: {
      metrics: r.metrics.map((m) => ({ key: m.key, value: m.value, timestamp: m.timestampMs, step: m.step })),
      params: r.params,
      tags: r.tags,
    },
    inputs: {},
  };
}

/** `name = 'x'`, `name LIKE '%x%'` / ILIKE: the experiment filters MLflow clients actually send. */
function nameFilter(filter: string | undefined): string | undefined {
  if (!filter?.trim()) return undefined;
  const m = /^\s*(?:attributes?\.)?name\s*(=|LIKE|ILIKE)\s*(['"])(.*)\2\s*$/i.exec(filter);
  if (!m) return undefined;
  return m[3]!.replace(/^%|%$/g, "");
}

export const experimentRunRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V2,
    path: "experiments/create",
    role: "DEVELOPER",
    input: z.object({
      name: z.string({ error: "name is required" }),
      artifact_location: z.string().optional(),
      tags: ZTags,
    }),
    handler: async ({ actor, input }) => ({
      experiment_id: (await createExperiment(actor, { name: input.name, tags: input.tags })).id,
    }),
  }),
  defineRoute({
    method: "GET",
    versions: V2,
    path: "experiments/get",
    role: "DEVELOPER",
    input: z.object({ experiment_id: z.string({ error: "experiment_id is required" }) }),
    handler: async ({ actor, input }) => ({
      experiment: experimentToWire(await getExperiment(actor, input.experiment_id)),
    }),
  }),
  defineRoute({
    method: "GET",
    versions: V2,
    path: "experiments/get-by-name",
    role: "DEVELOPER",
    input: z.object({ experiment_name: z.string({ error: "experiment_name is required" }) }),
    handler: async ({ actor, input }) => ({
      experiment: experimentToWire(await getExperimentByName(actor, input.experiment_name)),
    }),
  }),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "experiments/delete",
    role: "DEVELOPER",
    input: z.object({ experiment_id: z.string({ error: "experiment_id is required" }) }),
    handler: async ({ actor, input }) => {
      await deleteExperiment(actor, input.experiment_id);
      return {};
    },
  }),
  ...(["GET", "POST"] as const).map((method) =>
    defineRoute({
      method,
      versions: V2,
      path: "experiments/search",
      role: "DEVELOPER",
      input: z.object({
        max_results: ZInt64.optional(),
        filter: z.string().optional(),
        page_token: z.string().optional(),
      }),
      handler: async ({ actor, input }) => {
        const take = Math.min(Math.max(input.max_results ?? 1000, 1), 1000);
        const skip = decodePageToken(input.page_token);
        const rows = await listExperiments(actor, { skip, take, nameContains: nameFilter(input.filter) });
        return {
          experiments: rows.map(experimentToWire),
          ...(rows.length === take ? { next_page_token: encodePageToken(skip + take) } : {}),
        };
      },
    }),
  ),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/create",
    role: "DEVELOPER",
    input: z.object({
      experiment_id: z.string({ error: "experiment_id is required" }),
      run_name: z.string().optional(),
      start_time: ZInt64.optional(),
      tags: ZTags,
    }),
    handler: async ({ actor, input }) => ({
      run: runToWire(
        await createRun(actor, {
          experimentId: input.experiment_id,
          runName: input.run_name,
          startTimeMs: input.start_time,
          tags: input.tags,
        }),
      ),
    }),
  }),
  defineRoute({
    method: "GET",
    versions: V2,
    path: "runs/get",
    role: "DEVELOPER",
    input: z
      .object({ run_id: z.string().optional(), run_uuid: z.string().optional() })
      .refine((b) => b.run_id || b.run_uuid, "run_id is required"),
    handler: async ({ actor, input }) => ({ run: runToWire(await getRun(actor, (input.run_id ?? input.run_uuid)!)) }),
  }),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/update",
    role: "DEVELOPER",
    input: z
      .object({
        run_id: z.string().optional(),
        run_uuid: z.string().optional(),
        status: ZRunStatus.optional(),
        end_time: ZInt64.optional(),
        run_name: z.string().optional(),
      })
      .refine((b) => b.run_id || b.run_uuid, "run_id is required"),
    handler: async ({ actor, input }) => {
      const run = await updateRun(actor, (input.run_id ?? input.run_uuid)!, {
        status: input.status,
        endTimeMs: input.end_time,
        runName: input.run_name,
      });
      return { run_info: runToWire(run).info };
    },
  }),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/log-batch",
    role: "DEVELOPER",
    input: z.object({
      run_id: z.string({ error: "run_id is required" }),
      metrics: z
        .array(
          z.object({
            key: z.string(),
            value: z.union([z.number(), z.string()]).transform(Number),
            timestamp: ZInt64,
            step: ZInt64.optional(),
          }),
        )
        .default([]),
      params: z.array(z.object({ key: z.string(), value: z.string() })).default([]),
      tags: ZTags,
    }),
    handler: async ({ actor, input }) => {
      await logRunBatch(actor, input.run_id, {
        metrics: input.metrics.map((m) => ({
          key: m.key,
          value: m.value,
          timestampMs: m.timestamp,
          step: m.step ?? 0,
        })),
        params: input.params,
        tags: input.tags,
      });
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/set-tag",
    role: "DEVELOPER",
    input: z
      .object({
        run_id: z.string().optional(),
        run_uuid: z.string().optional(),
        key: z.string().min(1),
        value: z.string(),
      })
      .refine((b) => b.run_id || b.run_uuid, "run_id is required"),
    handler: async ({ actor, input }) => {
      await setRunTag(actor, (input.run_id ?? input.run_uuid)!, input.key, input.value);
      return {};
    },
  }),
  // Dataset inputs are accepted (evaluate logs them) but only the run's existence is checked.
  defineRoute({
    method: "POST",
    versions: V2,
    path: "runs/log-inputs",
    role: "DEVELOPER",
    input: z.object({ run_id: z.string({ error: "run_id is required" }) }).passthrough(),
    handler: async ({ actor, input }) => {
      await getRun(actor, input.run_id);
      return {};
    },
  }),
  defineRoute({
    method: "GET",
    versions: ["3.0"],
    path: "server-info",
    role: "REVIEWER",
    input: z.object({}),
    handler: () => ({ store_type: "SqlStore", workspaces_enabled: false }),
  }),
];
