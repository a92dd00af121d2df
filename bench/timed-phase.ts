/**
 * One timed load phase, shared by the request benches (per-request, mlflow-compare): K clients
 * send requests one after another for a second of warm-up, then `seconds` timed; latencies,
 * requests/s and the server's CPU a request (its whole process tree, ingest/rss.ts; a database
 * server's own CPU is not in it).
 */
import { processTreeCpuMs } from "./ingest/rss";

export interface TimedPhase {
  /** Requests timed (after the warm-up). */
  requests: number;
  /** Requests sent in all, warm-up included (`send` was called for 0..sent-1). */
  sent: number;
  perSec: number;
  p50: number;
  p95: number;
  cpuMsPerRequest: number;
}

/** `send(i)` makes request number i, or returns null when there is nothing left to send (the phase ends early). */
export async function timedPhase(opts: {
  label: string;
  serverPid: number;
  clients: number;
  seconds: number;
  send: (i: number) => Promise<Response> | null;
}): Promise<TimedPhase> {
  let next = 0;
  const failures: string[] = [];
  const run = async (untilMs: number, latencies: number[] | null) => {
    await Promise.all(
      Array.from({ length: opts.clients }, async () => {
        while (performance.now() < untilMs) {
          const t0 = performance.now();
          const pending = opts.send(next);
          if (!pending) return;
          next++;
          const res = await pending.catch((err: Error) => {
            throw new Error(`${opts.label}: ${err.message} (${String((err.cause as Error | undefined)?.message)})`);
          });
          if (!res.ok) failures.push(`${res.status} ${await res.text()}`);
          else await res.arrayBuffer();
          latencies?.push(performance.now() - t0);
        }
      }),
    );
  };
  await run(performance.now() + 1000, null);
  const latencies: number[] = [];
  const cpu0 = processTreeCpuMs(opts.serverPid);
  const started = performance.now();
  await run(started + opts.seconds * 1000, latencies);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = processTreeCpuMs(opts.serverPid) - cpu0;
  if (failures.length) throw new Error(`${opts.label}: ${failures.length} requests failed, first: ${failures[0]}`);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return {
    requests: latencies.length,
    sent: next,
    perSec: latencies.length / elapsed,
    p50: q(0.5),
    p95: q(0.95),
    cpuMsPerRequest: cpu / latencies.length,
  };
}
