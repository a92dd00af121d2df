/**
 * Group commit: requests wait in a queue and one writer drains whatever has arrived into one
 * transaction (up to `maxSpans` spans; the first request waits at most one turn of the event loop
 * for company), then answers each request once that transaction has committed. So a commit
 * (and its fsync) is shared by every request that arrived meanwhile, and nothing is acknowledged
 * before it is durable. A failed batch is retried request by request, so one bad request (say,
 * a trace of an experiment deleted meanwhile) fails alone.
 */
import type { IngestRequest } from "./batch";

export interface GroupCommitOptions {
  /** Spans per transaction at most (a bigger single request still goes alone). */
  maxSpans: number;
  /** Whether an error means "try again shortly" (a lock held elsewhere, a lost race). */
  retryable: (err: unknown) => boolean;
  /** How long to keep retrying such errors before failing the requests. */
  retryForMs: number;
}

interface Pending {
  request: IngestRequest;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly write: (requests: IngestRequest[]) => void | Promise<void>,
    private readonly opts: GroupCommitOptions,
  ) {}

  /** Resolves once the request's spans are committed. */
  submit(request: IngestRequest): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.draining) {
        this.draining = true;
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
      this.draining = false;
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
