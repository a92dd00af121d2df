/**
 * The one job mechanism's contract. A job is a named handler plus a JSON payload; the backend
 * (an in-process worker over the `Job` table on SQLite, pg-boss on PostgreSQL) decides which
 * process runs it, exactly once at a time, retrying failures with exponential backoff.
 *
 * Long work runs in slices: a handler stops when `ctx.shouldYield()` says its slice is spent and
 * answers "continue"; the backend then queues the job again. A slice is shorter than the lease,
 * so a job whose process died (`kill -9`) is taken over by another worker once its lease passes,
 * and resumes where the stored progress says (handlers keep their progress in their own tables).
 */
export type JobOutcome = "done" | "continue";

export interface JobContext {
  jobId: string;
  /** The attempt, from 1; more than 1 after a failure or an expired lease. */
  attempt: number;
  /** True once this slice's time is spent: finish the current step and return "continue". */
  shouldYield(): boolean;
}

export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<JobOutcome | void>;

export interface EnqueueOptions {
  /** At most one queued job per (name, singletonKey); a second enqueue is ignored (returns null). */
  singletonKey?: string;
  /** Attempts before the job is FAILED (default 5). */
  maxAttempts?: number;
  /** Not started before this many seconds. */
  delaySeconds?: number;
}

export interface WorkerHealth {
  backend: "sqlite" | "pg-boss";
  running: boolean;
  /** When the worker last asked for work (ISO), null before its first poll. */
  lastPollAt: string | null;
  /** Jobs this process is running now. */
  active: number;
  error?: string;
}

export interface JobBackend {
  readonly kind: WorkerHealth["backend"];
  enqueue(name: string, payload: unknown, opts?: EnqueueOptions): Promise<string | null>;
  start(names: string[]): Promise<void>;
  stop(): Promise<void>;
  health(): Promise<WorkerHealth>;
}
