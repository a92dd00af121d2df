import "server-only";
/**
 * The in-process worker over the `Job` table (the SQLite default; it works on any database the
 * Prisma client speaks). Claiming is one conditional UPDATE (`state` and `leaseUntil` as read), so
 * two workers never take the same job; a RUNNING job whose lease has passed belonged to a process
 * that died and is claimed again, which is how a run resumes after a restart.
 */
import os from "node:os";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { handlerFor } from "@/lib/jobs/registry";
import { concurrency, leaseSeconds, pollMs, retryDelayMs, sliceMs } from "@/lib/jobs/settings";
import type { EnqueueOptions, JobBackend, WorkerHealth } from "@/lib/jobs/types";

const workerId = `${os.hostname()}:${process.pid}:${newId().slice(0, 8)}`;

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unknown: leave it to the lease
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * SQLite runs one write transaction at a time: under load (a run storing rows, ingestion) the
 * default 2 s wait for a turn made enqueues fail, and an enqueue is what starts a user's run.
 */
const ENQUEUE_TX = { maxWait: 15_000, timeout: 15_000 };

export class SqliteQueue implements JobBackend {
  readonly kind = "sqlite" as const;
  private running = false;
  private names: string[] = [];
  private loops: Promise<void>[] = [];
  private active = 0;
  private lastPollAt: Date | null = null;
  private lastError: string | undefined;
  private wake: (() => void) | null = null;

  async enqueue(name: string, payload: unknown, opts: EnqueueOptions = {}): Promise<string | null> {
    const id = newId();
    const runAfter = new Date(Date.now() + (opts.delaySeconds ?? 0) * 1000);
    const created = await db().$transaction(async (tx) => {
      if (opts.singletonKey) {
        const queued = await tx.job.findFirst({
          where: { name, singletonKey: opts.singletonKey, state: "QUEUED" },
          select: { id: true },
        });
        if (queued) return false;
      }
      await tx.job.create({
        data: {
          id,
          name,
          payload: JSON.stringify(payload ?? null),
          singletonKey: opts.singletonKey ?? null,
          maxAttempts: opts.maxAttempts ?? 5,
          runAfter,
        },
      });
      return true;
    }, ENQUEUE_TX);
    if (!created) return null;
    this.wake?.();
    return id;
  }

  async start(names: string[]): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.releaseDeadLocalWorkers();
    this.names = names;
    this.loops = Array.from({ length: concurrency() }, () => this.loop());
  }

  /**
   * A restart on the same machine need not wait out the lease: jobs locked by a process of this
   * host that no longer exists (the server before the restart) are due at once.
   */
  private async releaseDeadLocalWorkers(): Promise<void> {
    const host = `${os.hostname()}:`;
    const held = await db().job.findMany({
      where: { state: "RUNNING", lockedBy: { startsWith: host } },
      select: { id: true, lockedBy: true },
    });
    const dead = held.filter((j) => !isAlive(Number(j.lockedBy!.slice(host.length).split(":")[0])));
    if (dead.length)
      await db().job.updateMany({
        where: { id: { in: dead.map((j) => j.id) }, state: "RUNNING" },
        data: { leaseUntil: new Date(0) },
      });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await Promise.all(this.loops);
    this.loops = [];
  }

  async health(): Promise<WorkerHealth> {
    return {
      backend: this.kind,
      running: this.running,
      lastPollAt: this.lastPollAt?.toISOString() ?? null,
      active: this.active,
      ...(this.lastError ? { error: this.lastError } : {}),
    };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOne();
        this.lastError = undefined;
      } catch (e) {
        this.lastError = e instanceof Error ? e.message : String(e);
        console.error(`tracelight: job worker: ${this.lastError}`);
      }
      if (!worked && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => ((this.wake = null), resolve()), pollMs());
          this.wake = () => (clearTimeout(t), (this.wake = null), resolve());
        });
      }
    }
  }

  /** Claims one due job and runs one slice of it; false when there was nothing to do. */
  private async runOne(): Promise<boolean> {
    this.lastPollAt = new Date();
    const now = new Date();
    const candidate = await db().job.findFirst({
      where: {
        name: { in: this.names },
        OR: [
          { state: "QUEUED", runAfter: { lte: now } },
          { state: "RUNNING", leaseUntil: { lt: now } },
        ],
      },
      orderBy: { createdAt: "asc" },
    });
    if (!candidate) return false;
    const leaseUntil = new Date(Date.now() + leaseSeconds() * 1000);
    const { count } = await db().job.updateMany({
      where: { id: candidate.id, state: candidate.state, leaseUntil: candidate.leaseUntil },
      data: { state: "RUNNING", leaseUntil, lockedBy: workerId, attempts: { increment: 1 } },
    });
    if (count !== 1) return true; // another worker took it: look again at once
    const attempt = candidate.attempts + 1;
    const handler = handlerFor(candidate.name);
    const sliceEnd = Date.now() + sliceMs();
    this.active++;
    try {
      const outcome = await handler(JSON.parse(candidate.payload), {
        jobId: candidate.id,
        attempt,
        shouldYield: () => Date.now() > sliceEnd || !this.running,
      });
      // "continue": queued again at once, same attempt count reset (progress was made).
      await db().job.updateMany({
        where: { id: candidate.id, lockedBy: workerId },
        data:
          outcome === "continue"
            ? { state: "QUEUED", attempts: 0, leaseUntil: null, lockedBy: null, runAfter: new Date() }
            : { state: "COMPLETED", leaseUntil: null, lockedBy: null },
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const final = attempt >= candidate.maxAttempts;
      console.error(`tracelight: job ${candidate.name} ${candidate.id} attempt ${attempt} failed: ${message}`);
      await db().job.updateMany({
        where: { id: candidate.id, lockedBy: workerId },
        data: {
          state: final ? "FAILED" : "QUEUED",
          lastError: message.slice(0, 5000),
          leaseUntil: null,
          lockedBy: null,
          runAfter: new Date(Date.now() + retryDelayMs(attempt)),
        },
      });
    } finally {
      this.active--;
    }
    return true;
  }
}
