import "server-only";
/**
 * Starting an evaluation run: snapshot its rows (from a dataset version, or from a trace search),
 * create the MLflow Run it owns (tagged `mlflow.runType=genai_evaluate`) and the EvaluationRun,
 * then queue it as a job (runner.ts). Returns at once; progress is polled.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db, dbProvider } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { getExperiment } from "@/lib/experiments/service";
import { getEvaluationRun, type EvaluationRunDto } from "@/lib/evaluation/runs/service";
import { enqueueRun } from "@/lib/evaluation/execution/runner";
import { pinCustomJudge } from "@/lib/evaluation/custom-judges/service";
import type { TCreateEvaluationRunBody, TOutputSource, TScorerConfig } from "@/lib/evaluation/schemas";
import { asInputsObject, loadExpectations, loadTraceIo } from "@/lib/evaluation/trace-data";
import { newId, newRunId } from "@/lib/ids";
import { prepareTraceSearch } from "@/lib/traces/search/term-matches";
import { assertFetchableUrl } from "@/lib/allowed-hosts/service";

interface RowSeed {
  datasetRecordId: string | null;
  traceId: string | null;
  inputs: string;
  outputs: string | null;
  expectations: string;
}

/** What is stored in EvaluationRun.config: the app's API key is left out (kept in memory only). */
export function redactOutputSource(s: TOutputSource): TOutputSource {
  if (s.kind === "openai_chat" && s.apiKey) return { ...s, apiKey: "********" };
  if (s.kind === "json_post" && Object.keys(s.headers).length)
    return { ...s, headers: Object.fromEntries(Object.keys(s.headers).map((k) => [k, "********"])) };
  return s;
}

async function seedsFromDataset(experimentId: string, datasetId: string, version: number | undefined, maxRows: number) {
  const d = await db().evaluationDataset.findUnique({ where: { id: datasetId } });
  if (!d || d.experimentId !== experimentId)
    throw new NotFoundError(`Dataset '${datasetId}' not found in this experiment`);
  const v = await db().evaluationDatasetVersion.findUnique({
    where: { datasetId_version: { datasetId, version: version ?? d.currentVersion } },
  });
  if (!v) throw new NotFoundError(`Dataset '${d.name}' has no version ${version}`);
  const records = await db().evaluationDatasetRecord.findMany({
    where: { versionId: v.id },
    orderBy: { position: "asc" },
    take: maxRows,
  });
  const seeds: RowSeed[] = records.map((r) => ({
    datasetRecordId: r.id,
    traceId: r.sourceTraceId,
    inputs: r.inputs,
    outputs: r.outputs,
    expectations: r.expectations,
  }));
  return { seeds, versionId: v.id, label: `${d.name} v${v.version}` };
}

async function seedsFromFilter(experimentId: string, filter: string, maxRows: number) {
  const q = await prepareTraceSearch({
    provider: dbProvider(),
    experimentIds: [experimentId],
    filter,
    maxResults: maxRows,
  });
  const traces = await db().trace.findMany({ where: q.where, orderBy: q.orderBy, take: maxRows, select: { id: true } });
  const ids = traces.map((t) => t.id);
  const [io, expectations] = await Promise.all([loadTraceIo(ids), loadExpectations(ids)]);
  const seeds: RowSeed[] = ids.map((id) => {
    const t = io.get(id)!;
    return {
      datasetRecordId: null,
      traceId: id,
      inputs: JSON.stringify(asInputsObject(t.inputs)),
      outputs: t.outputs === undefined ? null : JSON.stringify(t.outputs),
      expectations: JSON.stringify(expectations.get(id) ?? {}),
    };
  });
  return { seeds, versionId: null, label: `traces where ${filter || "(all)"}` };
}

/**
 * Pins each custom judge to a version (the current one unless given) and names it after the
 * judge unless named, so the stored config says exactly which prompt scored the run.
 */
async function pinScorers(experimentId: string, scorers: TScorerConfig[]) {
  const uses: { judgeVersionId: string; scorerName: string }[] = [];
  const pinned: TScorerConfig[] = [];
  for (const s of scorers) {
    if (s.type !== "custom_judge") {
      pinned.push(s);
      continue;
    }
    const { judge, version } = await pinCustomJudge(experimentId, s.judgeId, s.version);
    const name = s.name ?? judge.name;
    pinned.push({ ...s, name, version: version.version });
    uses.push({ judgeVersionId: version.id, scorerName: name });
  }
  if (new Set(pinned.map((s) => s.name ?? s.type)).size !== pinned.length)
    throw new ValidationError("body.scorers: scorer names must be unique (set `name` to tell two apart)");
  return { scorers: pinned, uses };
}

/** Creates and starts an evaluation run over a dataset version or a trace search. */
export async function createEvaluationRun(
  actor: Actor,
  experimentId: string,
  body: TCreateEvaluationRunBody,
): Promise<EvaluationRunDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const src = body.outputSource;
  if (src.kind === "json_post") await assertFetchableUrl(src.url, "body.outputSource.url", actor);
  if (src.kind === "openai_chat") await assertFetchableUrl(src.baseUrl, "body.outputSource.baseUrl", actor);
  const { seeds, versionId, label } = body.datasetId
    ? await seedsFromDataset(experimentId, body.datasetId, body.datasetVersion, body.maxRows)
    : await seedsFromFilter(experimentId, body.filter ?? "", body.maxRows);
  const { scorers, uses } = await pinScorers(experimentId, body.scorers);
  if (!seeds.length)
    throw new ValidationError(body.datasetId ? "The dataset version has no records" : "No trace matches the filter");

  const id = newId();
  const runId = newRunId();
  const now = Date.now();
  const name =
    body.name ?? `eval ${new Date(now).toISOString().slice(0, 16).replace("T", " ")} · ${label}`.slice(0, 200);
  const config = {
    scorers,
    outputSource: redactOutputSource(body.outputSource),
    datasetId: body.datasetId ?? null,
    datasetVersion: body.datasetVersion ?? null,
    filter: body.filter ?? null,
    concurrency: body.concurrency,
    sourceLabel: label,
  };
  await db().$transaction(
    async (tx) => {
      await tx.run.create({
        data: {
          id: runId,
          experimentId,
          name,
          status: "RUNNING",
          startTimeMs: BigInt(now),
          tags: {
            create: [
              { key: "mlflow.runType", value: "genai_evaluate" },
              { key: "mlflow.user", value: actor.email },
            ],
          },
        },
      });
      await tx.evaluationRun.create({
        data: {
          id,
          experimentId,
          runId,
          name,
          datasetVersionId: versionId,
          status: "PENDING",
          config: JSON.stringify(config),
          totalRows: seeds.length,
          createdById: actor.via === "system" ? null : actor.userId,
        },
      });
      if (uses.length)
        await tx.judgeRunUse.createMany({
          data: uses.map((u) => ({ id: newId(), evaluationRunId: id, ...u })),
        });
      for (let i = 0; i < seeds.length; i += 500) {
        await tx.evaluationRunRow.createMany({
          data: seeds.slice(i, i + 500).map((s, j) => ({ id: newId(), evaluationRunId: id, position: i + j, ...s })),
        });
      }
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  await enqueueRun({
    evaluationRunId: id,
    experimentId,
    runId,
    actor,
    scorers,
    outputSource: body.outputSource,
    concurrency: body.concurrency,
  });
  return getEvaluationRun(actor, id);
}

/**
 * Stops a PENDING or RUNNING run: it is marked CANCELLED at once (its MLflow run KILLED); the
 * worker scoring it stops before its next row, and rows already scored keep their results.
 */
export async function cancelEvaluationRun(actor: Actor, evaluationRunId: string): Promise<EvaluationRunDto> {
  requireRole(actor, "DEVELOPER");
  const run = await getEvaluationRun(actor, evaluationRunId);
  const now = new Date();
  const cancelled = await db().$transaction(async (tx) => {
    const { count } = await tx.evaluationRun.updateMany({
      where: { id: run.id, status: { in: ["PENDING", "RUNNING"] } },
      data: { status: "CANCELLED", finishedAt: now },
    });
    if (!count) return false;
    await tx.run.update({ where: { id: run.runId }, data: { status: "KILLED", endTimeMs: BigInt(now.getTime()) } });
    return true;
  });
  if (!cancelled)
    throw new ConflictError(
      `Run '${run.name}' is ${run.status.toLowerCase()}: only a pending or running run can be cancelled`,
    );
  return getEvaluationRun(actor, evaluationRunId);
}
