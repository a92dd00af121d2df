import "server-only";
/**
 * The job API every feature uses: `enqueueJob(name, payload, opts)`, `registerHandler(name, fn)`
 * (lib/jobs/registry.ts), `startJobWorker()` / `stopJobWorker()`, `jobWorkerHealth()`. The backend
 * follows the database: the in-process worker over the `Job` table on SQLite, pg-boss on
 * PostgreSQL (any number of servers share the work). See docs/deploy.md.
 */
import { dbProvider } from "@/lib/db/client";
import { PgBossQueue } from "@/lib/jobs/pg-boss-queue";
import { queueName, registeredNames } from "@/lib/jobs/registry";
import { SqliteQueue } from "@/lib/jobs/sqlite-queue";
import { workerEnabled } from "@/lib/jobs/settings";
import type { EnqueueOptions, JobBackend, WorkerHealth } from "@/lib/jobs/types";

export { registerHandler } from "@/lib/jobs/registry";
export type { JobContext, JobHandler, JobOutcome, WorkerHealth } from "@/lib/jobs/types";

const g = globalThis as unknown as { __tracelightJobs?: JobBackend };

function backend(): JobBackend {
  g.__tracelightJobs ??= dbProvider() === "postgresql" ? new PgBossQueue() : new SqliteQueue();
  return g.__tracelightJobs;
}

/** Queues a job; returns its id, or null when a singleton job of that key is already queued. */
export function enqueueJob(name: string, payload: unknown, opts?: EnqueueOptions): Promise<string | null> {
  return backend().enqueue(queueName(name), payload, opts);
}

/** Starts this process's worker for every registered handler (a no-op with JOBS_WORKER=0). */
export async function startJobWorker(): Promise<boolean> {
  if (!workerEnabled()) return false;
  await backend().start(registeredNames());
  return true;
}

export async function stopJobWorker(): Promise<void> {
  const b = g.__tracelightJobs;
  g.__tracelightJobs = undefined;
  await b?.stop();
}

/** For the readiness endpoint: which backend, whether this process works, and any error. */
export async function jobWorkerHealth(): Promise<WorkerHealth & { enabled: boolean }> {
  return { ...(await backend().health()), enabled: workerEnabled() };
}
