import "server-only";
/**
 * The server's background work, started once per process by instrumentation.ts (and by tests):
 * registers every job handler, starts this process's job worker, and runs the timers that queue
 * the periodic jobs (monitoring scan, labeling claim expiry). With JOBS_WORKER=0 the server only
 * serves requests (it still enqueues); another server or `npm run worker` does the work.
 */
import { db } from "@/lib/db/client";
import { EVALUATION_RUN_JOB, runEvaluationSlice } from "@/lib/evaluation/execution/runner";
import { enqueueJob, registerHandler, startJobWorker, stopJobWorker } from "@/lib/jobs/service";
import { claimTimeoutMs, releaseExpiredClaims } from "@/lib/labeling/review/claims";
import { MONITORING_BACKFILL_JOB, runBackfillSlice } from "@/lib/monitoring/backfill";
import { MONITORING_SCAN_JOB, runMonitoringScan, scanIntervalMs } from "@/lib/monitoring/scan";
import { PAIRWISE_GENERATE_JOB, runPairwiseGenerationSlice } from "@/lib/pairwise/generate";

export const EXPIRE_CLAIMS_JOB = "labeling.expire-claims";
const EXPIRE_CLAIMS_EVERY_MS = 60_000;

/** Releases abandoned review claims in every session that has one (labeling's own rule). */
async function expireClaims(): Promise<"done"> {
  const cutoff = new Date(Date.now() - claimTimeoutMs());
  const stale = await db().labelingClaim.findMany({
    where: { status: "IN_PROGRESS", claimedAt: { lt: cutoff } },
    select: { item: { select: { sessionId: true } } },
    take: 5000,
  });
  for (const sessionId of new Set(stale.map((c) => c.item.sessionId))) await releaseExpiredClaims(sessionId);
  return "done";
}

export function registerJobHandlers(): void {
  registerHandler(EVALUATION_RUN_JOB, runEvaluationSlice);
  registerHandler(MONITORING_SCAN_JOB, runMonitoringScan);
  registerHandler(MONITORING_BACKFILL_JOB, runBackfillSlice);
  registerHandler(EXPIRE_CLAIMS_JOB, expireClaims);
  registerHandler(PAIRWISE_GENERATE_JOB, runPairwiseGenerationSlice);
}

const g = globalThis as unknown as { __tracelightTimers?: NodeJS.Timeout[] };

function every(ms: number, name: string): NodeJS.Timeout {
  const tick = () =>
    enqueueJob(name, {}, { singletonKey: name, maxAttempts: 1 }).catch((e) =>
      console.error(`tracelight: could not queue ${name}: ${e instanceof Error ? e.message : String(e)}`),
    );
  const t = setInterval(tick, ms);
  t.unref();
  void tick();
  return t;
}

/** Registers handlers and starts the worker and its timers; false when JOBS_WORKER=0. */
export async function startBackgroundWork(): Promise<boolean> {
  registerJobHandlers();
  if (!(await startJobWorker())) return false;
  if (!g.__tracelightTimers)
    g.__tracelightTimers = [
      every(scanIntervalMs(), MONITORING_SCAN_JOB),
      every(EXPIRE_CLAIMS_EVERY_MS, EXPIRE_CLAIMS_JOB),
    ];
  return true;
}

export async function stopBackgroundWork(): Promise<void> {
  for (const t of g.__tracelightTimers ?? []) clearInterval(t);
  g.__tracelightTimers = undefined;
  await stopJobWorker();
}
