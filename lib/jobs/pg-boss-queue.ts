import "server-only";
/**
 * The PostgreSQL backend: pg-boss (its own `pgboss` schema in the app's database). Every server
 * may enqueue; every server with a worker fetches with `FOR UPDATE SKIP LOCKED`, so each job runs
 * in exactly one process at a time. A job whose process died stays active until its expiry
 * (JOBS_LEASE_SECONDS), then pg-boss's maintenance fails it and retries it with backoff on
 * whichever server polls first. Handlers work in slices shorter than the expiry; "continue"
 * sends the job again with the same payload before completing the current one.
 */
import PgBoss from "pg-boss";
import { readDbConfig } from "@/lib/db/config";
import { baseName, handlerFor } from "@/lib/jobs/registry";
import { concurrency, leaseSeconds, maintenanceSeconds, pollMs, sliceMs } from "@/lib/jobs/settings";
import type { EnqueueOptions, JobBackend, WorkerHealth } from "@/lib/jobs/types";

/** Periodic jobs: at most one queued and one active across all servers, never retried (the next tick comes). */
export const PERIODIC_QUEUES = new Set(["monitoring.scan", "labeling.expire-claims"]);

export class PgBossQueue implements JobBackend {
  readonly kind = "pg-boss" as const;
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private readyQueues = new Set<string>();
  private working = false;
  private active = 0;
  private lastPollAt: Date | null = null;
  private lastError: string | undefined;

  private async instance(): Promise<PgBoss> {
    if (this.boss) return this.boss;
    this.starting ??= (async () => {
      const boss = new PgBoss({
        connectionString: readDbConfig().url,
        max: 4,
        application_name: "tracelight-jobs",
        maintenanceIntervalSeconds: maintenanceSeconds(),
        // Scheduling (cron) is not used: each worker's own timer enqueues the periodic jobs.
        schedule: false,
      });
      boss.on("error", (e) => {
        this.lastError = e.message;
        console.error(`tracelight: pg-boss: ${e.message}`);
      });
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  private async queue(name: string): Promise<PgBoss> {
    const boss = await this.instance();
    if (!this.readyQueues.has(name)) {
      const periodic = PERIODIC_QUEUES.has(baseName(name));
      const options = {
        name,
        policy: periodic ? ("stately" as const) : ("standard" as const),
        retryLimit: periodic ? 0 : 4,
        retryDelay: 2,
        retryBackoff: true,
        expireInSeconds: leaseSeconds(),
      };
      // Two servers may create the same queue at once: the loser's error is harmless.
      if (!(await boss.getQueue(name))) await boss.createQueue(name, options).catch(() => undefined);
      this.readyQueues.add(name);
    }
    return boss;
  }

  async enqueue(name: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string | null> {
    const boss = await this.queue(name);
    // The lease travels with each job (a queue keeps the options of whoever created it first).
    return boss.send(name, (payload ?? {}) as object, {
      expireInSeconds: leaseSeconds(),
      ...(opts.singletonKey && !PERIODIC_QUEUES.has(baseName(name)) ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.maxAttempts !== undefined ? { retryLimit: Math.max(0, opts.maxAttempts - 1) } : {}),
      ...(opts.delaySeconds ? { startAfter: opts.delaySeconds } : {}),
    });
  }

  async start(names: string[]): Promise<void> {
    if (this.working) return;
    this.working = true;
    const pollingIntervalSeconds = Math.max(0.5, pollMs() / 1000);
    for (const name of names) {
      const boss = await this.queue(name);
      // One work() loop handles one job at a time; periodic queues need only one.
      const loops = PERIODIC_QUEUES.has(baseName(name)) ? 1 : concurrency();
      for (let i = 0; i < loops; i++) {
        await boss.work<object>(name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async (jobs) => {
          this.lastPollAt = new Date();
          for (const job of jobs) await this.run(boss, name, job);
        });
      }
    }
    // pg-boss polls silently; note each poll from its worker-state events for the health check.
    (await this.instance()).on("wip", () => (this.lastPollAt = new Date()));
  }

  private async run(boss: PgBoss, name: string, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const sliceEnd = Date.now() + sliceMs();
    this.active++;
    try {
      const outcome = await handlerFor(name)(job.data, {
        jobId: job.id,
        attempt: job.retryCount + 1,
        shouldYield: () => Date.now() > sliceEnd || !this.working,
      });
      if (outcome === "continue")
        await boss.send(name, job.data, {
          expireInSeconds: leaseSeconds(),
          ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
        });
    } finally {
      this.active--;
    }
  }

  async stop(): Promise<void> {
    this.working = false;
    const boss = this.boss;
    this.boss = null;
    this.starting = null;
    this.readyQueues.clear();
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  async health(): Promise<WorkerHealth> {
    let error = this.lastError;
    try {
      const boss = await this.instance();
      await boss.getDb().executeSql("SELECT 1", []);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    return {
      backend: this.kind,
      running: this.working,
      lastPollAt: this.lastPollAt?.toISOString() ?? null,
      active: this.active,
      ...(error ? { error } : {}),
    };
  }
}
