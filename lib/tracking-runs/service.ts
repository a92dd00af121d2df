import "server-only";
/**
 * Minimal MLflow runs: what MLflow's evaluate and labeling flows (and our labeling sessions and
 * evaluation runs) need: create, get, update, log-batch, tags, and linking traces to a run.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { newRunId } from "@/lib/ids";
import {
  ZCreateRunBody,
  ZLogBatchBody,
  ZUpdateRunBody,
  type RunDto,
  type TCreateRunBody,
  type TLogBatchBody,
  type TUpdateRunBody,
} from "./schemas";

const RUN_NAME_TAG = "mlflow.runName";

async function loadRun(runId: string): Promise<RunDto> {
  const r = await db().run.findUnique({
    where: { id: runId },
    include: { tags: true, params: true, metrics: { orderBy: [{ timestampMs: "asc" }, { step: "asc" }] } },
  });
  if (!r) throw new NotFoundError(`Run '${runId}' not found`);
  const latest = new Map<string, RunDto["metrics"][number]>();
  for (const m of r.metrics)
    latest.set(m.key, { key: m.key, value: m.value, timestampMs: Number(m.timestampMs), step: Number(m.step) });
  return {
    runId: r.id,
    experimentId: r.experimentId,
    name: r.name,
    status: r.status,
    startTimeMs: Number(r.startTimeMs),
    endTimeMs: r.endTimeMs == null ? null : Number(r.endTimeMs),
    lifecycleStage: r.lifecycleStage,
    tags: r.tags.map((t) => ({ key: t.key, value: t.value })),
    params: r.params.map((p) => ({ key: p.key, value: p.value })),
    metrics: [...latest.values()],
  };
}

/** Creates a RUNNING run in an experiment (developers and admins). */
export async function createRun(actor: Actor, input: TCreateRunBody): Promise<RunDto> {
  requireRole(actor, "DEVELOPER");
  const body = ZCreateRunBody.parse(input);
  const exp = await db().experiment.findUnique({ where: { id: body.experimentId }, select: { id: true } });
  if (!exp) throw new NotFoundError(`Could not find experiment with ID ${body.experimentId}`);
  const id = newRunId();
  const name = body.runName ?? body.tags?.find((t) => t.key === RUN_NAME_TAG)?.value ?? `run-${id.slice(0, 8)}`;
  const tags = new Map((body.tags ?? []).map((t) => [t.key, t.value]));
  tags.set(RUN_NAME_TAG, name);
  await db().run.create({
    data: {
      id,
      experimentId: body.experimentId,
      name,
      startTimeMs: BigInt(body.startTimeMs ?? Date.now()),
      tags: { create: [...tags].map(([key, value]) => ({ key, value })) },
    },
  });
  return loadRun(id);
}

export async function getRun(actor: Actor, runId: string): Promise<RunDto> {
  requireRole(actor, "REVIEWER");
  return loadRun(runId);
}

/** Sets status, end time or name. */
export async function updateRun(actor: Actor, runId: string, input: TUpdateRunBody): Promise<RunDto> {
  requireRole(actor, "DEVELOPER");
  const body = ZUpdateRunBody.parse(input);
  await loadRun(runId);
  await db().$transaction(async (tx) => {
    await tx.run.update({
      where: { id: runId },
      data: {
        ...(body.status ? { status: body.status } : {}),
        ...(body.endTimeMs != null ? { endTimeMs: BigInt(body.endTimeMs) } : {}),
        ...(body.runName ? { name: body.runName } : {}),
      },
    });
    if (body.runName) {
      await tx.runTag.upsert({
        where: { runId_key: { runId, key: RUN_NAME_TAG } },
        create: { runId, key: RUN_NAME_TAG, value: body.runName },
        update: { value: body.runName },
      });
    }
  });
  return loadRun(runId);
}

/** Logs metrics, params and tags in one transaction. A param, once logged, cannot change (MLflow). */
export async function logRunBatch(actor: Actor, runId: string, input: TLogBatchBody): Promise<void> {
  requireRole(actor, "DEVELOPER");
  const body = ZLogBatchBody.parse(input);
  await loadRun(runId);
  await db().$transaction(async (tx) => {
    for (const p of body.params) {
      const old = await tx.runParam.findUnique({ where: { runId_key: { runId, key: p.key } } });
      if (old && old.value !== p.value)
        throw new ValidationError(
          `Changing param values is not allowed. Param with key='${p.key}' was already logged with value='${old.value}'`,
        );
      if (!old) await tx.runParam.create({ data: { runId, key: p.key, value: p.value } });
    }
    for (const t of body.tags) {
      await tx.runTag.upsert({
        where: { runId_key: { runId, key: t.key } },
        create: { runId, ...t },
        update: { value: t.value },
      });
    }
    for (const m of body.metrics) {
      const key = { runId, key: m.key, timestampMs: BigInt(m.timestampMs), step: BigInt(m.step) };
      await tx.runMetric.upsert({
        where: { runId_key_timestampMs_step: key },
        create: { ...key, value: m.value },
        update: { value: m.value },
      });
    }
  });
}

export async function setRunTag(actor: Actor, runId: string, key: string, value: string): Promise<void> {
  await logRunBatch(actor, runId, { tags: [{ key, value }] });
}

/** Links traces to a run (MLflow's LinkTracesToRun: at most 100 at a time); both must exist. */
export async function linkTracesToRun(actor: Actor, runId: string, traceIds: string[]): Promise<void> {
  requireRole(actor, "DEVELOPER");
  if (traceIds.length > 100)
    throw new ValidationError(`trace_ids: at most 100 traces can be linked at once, got ${traceIds.length}`);
  await loadRun(runId);
  const ids = [...new Set(traceIds)];
  const found = await db().trace.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new NotFoundError(`Trace with ID '${missing[0]}' not found`);
  const already = new Set(
    (await db().traceRunLink.findMany({ where: { runId, traceId: { in: ids } } })).map((l) => l.traceId),
  );
  const data = ids.filter((id) => !already.has(id)).map((traceId) => ({ traceId, runId }));
  if (data.length) await db().traceRunLink.createMany({ data });
}
