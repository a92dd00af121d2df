/** The job mechanism's knobs, from the environment (documented in README and docs/deploy.md). */

const num = (name: string, fallback: number, min: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= min ? v : fallback;
};

/** A job left RUNNING this long by a silent worker is taken over (JOBS_LEASE_SECONDS, default 120). */
export const leaseSeconds = () => num("JOBS_LEASE_SECONDS", 120, 2);
/** A slice stops asking for more work after this share of the lease, so it ends well inside it. */
export const sliceMs = () => Math.max(1000, (leaseSeconds() * 1000) / 3);
/** How often an idle worker looks for work (JOBS_POLL_MS, default 500). */
export const pollMs = () => num("JOBS_POLL_MS", 500, 50);
/** Jobs one process runs at once (JOBS_CONCURRENCY, default 2). */
export const concurrency = () => Math.floor(num("JOBS_CONCURRENCY", 2, 1));
/** How often pg-boss expires dead workers' jobs and retries them (JOBS_MAINTENANCE_SECONDS, default 30). */
export const maintenanceSeconds = () => Math.floor(num("JOBS_MAINTENANCE_SECONDS", 30, 1));
/** Backoff before retry number `attempt` (1-based): 2, 4, 8 … seconds, capped at 5 minutes. */
export const retryDelayMs = (attempt: number) => Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1));
/** `JOBS_WORKER=0` makes a server web-only: it enqueues but runs no jobs. */
export const workerEnabled = () => process.env.JOBS_WORKER !== "0";
