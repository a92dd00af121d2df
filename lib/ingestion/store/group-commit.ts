/**
 * Group commit: requests wait in a queue and one writer drains whatever has arrived into one
 * transaction (up to `maxSpans` spans; the first request waits at most one turn of the event loop
 * for company), then answers each request once that transaction has committed. So a commit
 * (and its fsync) is shared by every request that arrived meanwhile, and nothing is acknowledged
 * before it is durable. A failed batch is retried request by request, so one bad request (say,
 * a trace of an experiment deleted meanwhile) fails alone.
 *
 * `writers` > 1 lets that many transactions run at once when full batches queue up (PostgreSQL, where concurrent writers
 * share the database's cores and the app waits on round trips; store/batch.ts locks trace rows in
 * one order, so they serialise only on the traces they share). SQLite keeps one: its writes
 * serialise on the file anyway.
 */
import type { IngestRequest } from "./batch";

export interface GroupCommitOptions {
  /** Spans per transaction at most (a bigger single request still goes alone). */
  maxSpans: number;
  /** Whether an error means "try again shortly" (a lock held elsewhere, a lost race). */
  retryable: (err: unknown) => boolean;
  /** How long to keep retrying such errors before failing the requests. */
  retryForMs: number;
  /** Transactions in flight at once (default 1). */
  writers?: number;
}

interface Pending {
  request: IngestRequest;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  /** Writers draining the queue now (each runs one transaction at a time). */
  private active = 0;
  /** Spans waiting in the queue. */
  private queuedSpans = 0;

  constructor(
    private readonly write: (requests: IngestRequest[]) => void | Promise<void>,
    private readonly opts: GroupCommitOptions,
  ) {}

  /** Resolves once the request's spans are committed. */
  submit(request: IngestRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.queuedSpans += request.spans.length;
      // A writer starts when none runs, and another beside it only when a full batch is waiting:
      // small requests (a span each) are better served by one transaction for all of them than
      // by several small ones. A new writer waits a turn of the event loop so the requests
      // arriving meanwhile share its transaction.
      const backlog = this.queuedSpans >= this.opts.maxSpans;
      if (this.active === 0 || (backlog && this.active < (this.opts.writers ?? 1))) {
        this.active++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private take(): Pending[] {
    let spans = 0;
    let n = 0;
    while (n < this.queue.length) {
      const size = this.queue[n]!.request.spans.length;
      if (n > 0 && spans + size > this.opts.maxSpans) break;
      spans += size;
      n++;
    }
    this.queuedSpans -= spans;
    return this.queue.splice(0, n);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.take();
        try {
          await this.writeRetrying(batch.map((p) => p.request));
          for (const p of batch) p.resolve();
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          for (const p of batch) {
            try {
              await this.writeRetrying([p.request]);
              p.resolve();
            } catch (e) {
              p.reject(e);
            }
          }
        }
      }
    } finally {
      this.active--;
    }
  }

  private async writeRetrying(requests: IngestRequest[]): Promise<void> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(requests);
      } catch (err) {
        if (!this.opts.retryable(err) || Date.now() - started > this.opts.retryForMs) throw err;
        await new Promise((r) => setTimeout(r, Math.min(50, attempt) + Math.random() * 3));
      }
    }
  }
}
