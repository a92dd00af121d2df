import "server-only";
/**
 * The in-process job runner. A run's rows are scored in the background inside the server
 * process: at most EVAL_MAX_ACTIVE_RUNS runs at once (default 2), each with its own bounded row
 * concurrency. Progress is written to EvaluationRun.doneRows/errorRows as rows finish, so any
 * request (or another server process) can show it.
 *
 * Restarts: jobs live in memory, so a run still PENDING/RUNNING when the process stops cannot
 * continue; on start, `failInterruptedRuns` (called by the bootstrap) marks them FAILED.
 */
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { resolveJudgeEndpoint } from "@/lib/evaluation/judge-settings/service";
import { scoreRow, type RowJob } from "@/lib/evaluation/execution/score-row";
import { RUN_ERROR_TAG } from "@/lib/evaluation/runs/service";
import { summarizeScores } from "@/lib/evaluation/runs/summary";
import type { TOutputSource, TScorerConfig } from "@/lib/evaluation/schemas";
import { createScorer } from "@/lib/evaluation/scorer-registry";
import { loadNetworkPolicy } from "@/lib/allowed-hosts/service";
import { parseJsonText } from "@/lib/evaluation/trace-data";

export interface RunJob {
  evaluationRunId: string;
  experimentId: string;
  runId: string;
  actor: Actor;
  scorers: TScorerConfig[];
  /** With secrets (app API key): kept in memory only, never stored. */
  outputSource: TOutputSource;
  concurrency: number;
}

interface RunnerState {
  queue: RunJob[];
  active: Map<string, { controller: AbortController; done: Promise<void> }>;
}

const g = globalThis as unknown as { __tracelightEvalRunner?: RunnerState };
const state = (): RunnerState => (g.__tracelightEvalRunner ??= { queue: [], active: new Map() });
const maxActive = () => Math.max(1, Number(process.env.EVAL_MAX_ACTIVE_RUNS) || 2);

/** Queues a run; it starts as soon as a slot is free. */
export function enqueueRun(job: RunJob): void {
  state().queue.push(job);
  pump();
}

/** Resolves when the run has finished (for tests and the CLI); immediately when not known here. */
export async function waitForRun(evaluationRunId: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = state();
    const active = s.active.get(evaluationRunId);
    if (active) await active.done;
    else if (!s.queue.some((j) => j.evaluationRunId === evaluationRunId)) return;
    else await new Promise((r) => setTimeout(r, 20));
    if (Date.now() > deadline) throw new Error(`evaluation run ${evaluationRunId} did not finish in ${timeoutMs} ms`);
  }
}

function pump(): void {
  const s = state();
  while (s.active.size < maxActive() && s.queue.length) {
    const job = s.queue.shift()!;
    const controller = new AbortController();
    const done = executeRun(job, controller.signal)
      .catch((e) => failRun(job, e instanceof Error ? e.message : String(e)))
      .finally(() => {
        s.active.delete(job.evaluationRunId);
        pump();
      });
    s.active.set(job.evaluationRunId, { controller, done });
  }
}

async function failRun(job: RunJob, message: string): Promise<void> {
  console.error(`tracelight: evaluation run ${job.evaluationRunId} failed: ${message}`);
  const now = new Date();
  await db().$transaction([
    db().evaluationRun.update({ where: { id: job.evaluationRunId }, data: { status: "FAILED", finishedAt: now } }),
    db().run.update({ where: { id: job.runId }, data: { status: "FAILED", endTimeMs: BigInt(now.getTime()) } }),
    db().runTag.upsert({
      where: { runId_key: { runId: job.runId, key: RUN_ERROR_TAG } },
      update: { value: message },
      create: { runId: job.runId, key: RUN_ERROR_TAG, value: message.slice(0, 5000) },
    }),
  ]);
}

async function executeRun(job: RunJob, signal: AbortSignal): Promise<void> {
  await db().evaluationRun.update({
    where: { id: job.evaluationRunId },
    data: { status: "RUNNING", startedAt: new Date() },
  });
  const scorers = job.scorers.map(createScorer);
  const judge = scorers.some((s) => s.kind === "LLM_JUDGE") ? await resolveJudgeEndpoint() : null;
  // Read once per run: allow-list changes apply to the next run.
  const ctx = { judge: judge ?? undefined, signal, network: await loadNetworkPolicy() };
  const rows = await db().evaluationRunRow.findMany({
    where: { evaluationRunId: job.evaluationRunId, status: "PENDING" },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  let next = 0;
  const worker = async () => {
    while (next < rows.length && !signal.aborted) {
      const row = rows[next++]!;
      const rowJob: RowJob = { ...job, rowId: row.id, scorers, ctx };
      const ok = await scoreRow(rowJob);
      await db().evaluationRun.update({
        where: { id: job.evaluationRunId },
        data: { doneRows: { increment: 1 }, ...(ok ? {} : { errorRows: { increment: 1 } }) },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, rows.length) }, worker));
  await finishRun(
    job,
    scorers.map((s) => s.name),
  );
}

/** Marks the run COMPLETED and logs MLflow-style aggregate metrics (`<scorer>/mean`). */
async function finishRun(job: RunJob, scorerNames: string[]): Promise<void> {
  const cells = await db().evaluationScore.findMany({
    where: { row: { evaluationRunId: job.evaluationRunId } },
    select: { scorerName: true, value: true, error: true },
  });
  const summary = summarizeScores(
    scorerNames,
    cells.map((c) => ({ scorerName: c.scorerName, value: parseJsonText(c.value) ?? null, error: c.error })),
  );
  const now = Date.now();
  const metrics = summary.flatMap((s) => {
    const v = s.passRate ?? s.mean;
    return v === null
      ? []
      : [{ runId: job.runId, key: `${s.name}/mean`, value: v, timestampMs: BigInt(now), step: 0n }];
  });
  await db().$transaction([
    db().runMetric.createMany({ data: metrics }),
    db().evaluationRun.update({
      where: { id: job.evaluationRunId },
      data: { status: "COMPLETED", finishedAt: new Date(now) },
    }),
    db().run.update({ where: { id: job.runId }, data: { status: "FINISHED", endTimeMs: BigInt(now) } }),
  ]);
}
