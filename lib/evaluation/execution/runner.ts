import "server-only";
/**
 * Evaluation runs as jobs (lib/jobs): `enqueueRun` queues one "evaluation.run" job; its handler
 * scores the run's PENDING rows in slices (bounded row concurrency), so a run survives restarts and
 * moves between servers: whichever worker takes the job next continues with the rows not scored
 * yet (rows already scored are never scored again: see the guard in score-row.ts). A cancelled
 * run (status CANCELLED) stops before its next row. Progress is EvaluationRun.doneRows/errorRows.
 *
 * The app's API key of an `openai_chat`/`json_post` output source is a secret: it travels in the
 * job payload encrypted with the server secret (lib/security/secrets.ts), never in the run's config.
 */
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { resolveJudgeEndpoint } from "@/lib/evaluation/judge-settings/service";
import { scoreRow, type RowJob } from "@/lib/evaluation/execution/score-row";
import { RUN_ERROR_TAG } from "@/lib/evaluation/runs/service";
import { summarizeScores } from "@/lib/evaluation/runs/summary";
import { ZOutputSource, ZScorerConfig, type TOutputSource, type TScorerConfig } from "@/lib/evaluation/schemas";
import { createScorer } from "@/lib/evaluation/scorer-registry";
import { loadNetworkPolicy } from "@/lib/allowed-hosts/service";
import { parseJsonText } from "@/lib/evaluation/trace-data";
import { enqueueJob, type JobContext, type JobOutcome } from "@/lib/jobs/service";
import { leaseSeconds } from "@/lib/jobs/settings";
import { decryptSecret, encryptSecret } from "@/lib/security/secrets";
import { z } from "zod";

export const EVALUATION_RUN_JOB = "evaluation.run";
/** Attempts of a slice that throws (database gone, bug) before the run is marked FAILED. */
const MAX_ATTEMPTS = 5;
const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

export interface RunJob {
  evaluationRunId: string;
  experimentId: string;
  runId: string;
  actor: Actor;
  scorers: TScorerConfig[];
  /** With secrets (app API key): encrypted in the job payload. */
  outputSource: TOutputSource;
  concurrency: number;
}

const ZRunJobPayload = z.object({
  evaluationRunId: z.string(),
  actor: z.object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["ADMIN", "DEVELOPER", "REVIEWER"]),
    via: z.enum(["session", "apiKey", "system"]),
  }),
  /** encryptSecret(JSON of the full output source). */
  source: z.string(),
});
type RunJobPayload = z.infer<typeof ZRunJobPayload>;

/** Queues a run; any server's worker starts it as soon as a slot is free. */
export async function enqueueRun(job: RunJob): Promise<void> {
  const { userId, email, name, role, via } = job.actor;
  const payload: RunJobPayload = {
    evaluationRunId: job.evaluationRunId,
    actor: { userId, email, name, role, via },
    source: encryptSecret(JSON.stringify(job.outputSource)),
  };
  await enqueueJob(EVALUATION_RUN_JOB, payload, { maxAttempts: MAX_ATTEMPTS });
}

/** Resolves when the run has reached COMPLETED, FAILED or CANCELLED (tests, CLI). */
export async function waitForRun(evaluationRunId: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await db().evaluationRun.findUnique({ where: { id: evaluationRunId }, select: { status: true } });
    if (!r || TERMINAL.has(r.status)) return r?.status ?? "MISSING";
    if (Date.now() > deadline) throw new Error(`evaluation run ${evaluationRunId} did not finish in ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function failRun(evaluationRunId: string, runId: string, message: string): Promise<void> {
  console.error(`tracelight: evaluation run ${evaluationRunId} failed: ${message}`);
  const now = new Date();
  await db().$transaction(async (tx) => {
    const { count } = await tx.evaluationRun.updateMany({
      where: { id: evaluationRunId, status: { in: ["PENDING", "RUNNING"] } },
      data: { status: "FAILED", finishedAt: now },
    });
    if (!count) return;
    await tx.run.update({ where: { id: runId }, data: { status: "FAILED", endTimeMs: BigInt(now.getTime()) } });
    await tx.runTag.upsert({
      where: { runId_key: { runId, key: RUN_ERROR_TAG } },
      update: { value: message.slice(0, 5000) },
      create: { runId, key: RUN_ERROR_TAG, value: message.slice(0, 5000) },
    });
  });
}

/** The "evaluation.run" job handler: one slice of a run. */
export async function runEvaluationSlice(raw: unknown, ctx: JobContext): Promise<JobOutcome> {
  const payload = ZRunJobPayload.parse(raw);
  const run = await db().evaluationRun.findUnique({ where: { id: payload.evaluationRunId } });
  if (!run || TERMINAL.has(run.status)) return "done";
  try {
    return await scoreSlice(run, payload, ctx);
  } catch (e) {
    if (ctx.attempt < MAX_ATTEMPTS) throw e; // retried with backoff by the job backend
    await failRun(run.id, run.runId, e instanceof Error ? e.message : String(e));
    return "done";
  }
}

type RunRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["evaluationRun"]["findUnique"]>>>;

/**
 * One job slice at a time per run. A job backend may, rarely, hold two jobs for one run (a
 * worker killed between queueing its continuation and completing its job leaves both): the
 * slice takes the run's lease, and a job that finds it held by another live slice steps aside.
 */
async function takeRunLease(runId: string, jobId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db().evaluationRun.updateMany({
    where: {
      id: runId,
      OR: [{ leaseJobId: null }, { leaseJobId: jobId }, { leaseUntil: { lt: now } }],
    },
    data: { leaseJobId: jobId, leaseUntil: new Date(now.getTime() + leaseSeconds() * 1000) },
  });
  return count === 1;
}

const releaseRunLease = (runId: string, jobId: string) =>
  db().evaluationRun.updateMany({
    where: { id: runId, leaseJobId: jobId },
    data: { leaseJobId: null, leaseUntil: null },
  });

async function scoreSlice(run: RunRow, payload: RunJobPayload, ctx: JobContext): Promise<JobOutcome> {
  if (!(await takeRunLease(run.id, ctx.jobId))) return "done";
  try {
    return await scoreLeasedSlice(run, payload, ctx);
  } finally {
    await releaseRunLease(run.id, ctx.jobId);
  }
}

async function scoreLeasedSlice(run: RunRow, payload: RunJobPayload, ctx: JobContext): Promise<JobOutcome> {
  if (run.status === "PENDING")
    await db().evaluationRun.updateMany({
      where: { id: run.id, status: "PENDING" },
      data: { status: "RUNNING", startedAt: new Date() },
    });
  const config = JSON.parse(run.config) as { scorers: unknown[]; concurrency?: number };
  const scorerConfigs = config.scorers.map((s) => ZScorerConfig.parse(s));
  const scorers = scorerConfigs.map(createScorer);
  const outputSource = ZOutputSource.parse(JSON.parse(decryptSecret(payload.source)));
  const judge = scorers.some((s) => s.kind === "LLM_JUDGE") ? await resolveJudgeEndpoint() : null;
  const controller = new AbortController();
  // Read once per slice: allow-list changes apply from the next slice.
  const rowCtx = { judge: judge ?? undefined, signal: controller.signal, network: await loadNetworkPolicy() };
  const concurrency = Math.max(1, config.concurrency ?? 4);
  const base = { experimentId: run.experimentId, runId: run.runId, actor: payload.actor, outputSource };

  let stopped = false;
  let lost = false;
  const isCancelled = async () =>
    (await db().evaluationRun.findUnique({ where: { id: run.id }, select: { status: true } }))?.status === "CANCELLED";
  for (;;) {
    const rows = await db().evaluationRunRow.findMany({
      where: { evaluationRunId: run.id, status: "PENDING" },
      orderBy: { position: "asc" },
      select: { id: true },
      take: concurrency * 4,
    });
    if (!rows.length) break;
    let next = 0;
    const worker = async () => {
      while (next < rows.length && !stopped) {
        const row = rows[next++]!;
        if (await isCancelled()) {
          stopped = true;
          controller.abort();
          return;
        }
        const rowJob: RowJob = { ...base, rowId: row.id, scorers, ctx: rowCtx };
        await scoreRow(rowJob, run.id);
        // Renew the lease as rows finish; if another slice took the run meanwhile, stop here.
        if (!(await takeRunLease(run.id, ctx.jobId))) stopped = lost = true;
        if (ctx.shouldYield()) stopped = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    if (stopped) break;
  }
  if (lost || (await isCancelled())) return "done";
  const remaining = await db().evaluationRunRow.count({ where: { evaluationRunId: run.id, status: "PENDING" } });
  if (remaining > 0) return "continue";
  await finishRun(
    run.id,
    run.runId,
    scorers.map((s) => s.name),
  );
  return "done";
}

/** Marks the run COMPLETED and logs MLflow-style aggregate metrics (`<scorer>/mean`), once. */
async function finishRun(evaluationRunId: string, runId: string, scorerNames: string[]): Promise<void> {
  const cells = await db().evaluationScore.findMany({
    where: { row: { evaluationRunId } },
    select: { scorerName: true, value: true, error: true },
  });
  const summary = summarizeScores(
    scorerNames,
    cells.map((c) => ({ scorerName: c.scorerName, value: parseJsonText(c.value) ?? null, error: c.error })),
  );
  const now = Date.now();
  const metrics = summary.flatMap((s) => {
    const v = s.passRate ?? s.mean;
    return v === null ? [] : [{ runId, key: `${s.name}/mean`, value: v, timestampMs: BigInt(now), step: 0n }];
  });
  await db().$transaction(async (tx) => {
    // Only the worker that moves the run out of RUNNING logs the metrics.
    const { count } = await tx.evaluationRun.updateMany({
      where: { id: evaluationRunId, status: "RUNNING" },
      data: { status: "COMPLETED", finishedAt: new Date(now) },
    });
    if (!count) return;
    await tx.runMetric.createMany({ data: metrics });
    await tx.run.update({ where: { id: runId }, data: { status: "FINISHED", endTimeMs: BigInt(now) } });
  });
}
