// Tracelight against the real MLflow tracking server (issue 14): for each database, Tracelight as
// users run it (`npm start`, production build, bench/server.ts) and `mlflow server` (its default
// uvicorn runner, 4 workers) each on a fresh store of that kind, one after the other on the same
// machine, get the same OTLP/protobuf request bodies (made once, byte-identical, same order) from
// the same K concurrent clients:
//   - one span a request (how MLflow's Python client exports by default; traces of 5 spans,
//     children first, root last, as in bench/per-request), requests/s;
//   - 50 traces x 10 spans a request (an OpenTelemetry batch exporter's shape), spans/s.
// Prints rate, p50/p95 latency, the server's CPU a request (its process tree; the database
// server's own CPU is in neither), the spans each store holds afterwards (a server that drops
// requests cannot win) and the ratios Tracelight / MLflow.
//
//   bash bench/mlflow-compare/setup-mlflow-server.sh   # once: MLflow's server dependencies
//   npx tsx --conditions=react-server bench/mlflow-compare/run.ts [--db sqlite|postgresql|both]
//       [--clients 8] [--seconds 8] [--port 3393] [--mlflow-port 5393] [--skip-batch]
//
// MLflow comes from MLFLOW_SITE (default /root/.cache/tracelight-mlflow-client/site), run with
// MLFLOW_PYTHON (default /usr/bin/python3); without it this prints "skipped: ..." and exits 0.
// PostgreSQL uses scratch databases on PG_ADMIN_URL (default postgresql://root@127.0.0.1:5432/postgres).
// Not part of `npm test`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { benchApiKey, benchExperiment, startServer, stopServer, waitForHealth } from "../server";
import type { DbConfig } from "../../lib/db/config";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";
import { oneSpanBodies } from "../ingest/workload";
import { batchBodies, phase, storedAtLeast, type PhaseResult } from "./load";
import {
  mlflowSpanCount,
  mlflowUnavailable,
  mlflowVersion,
  startMlflow,
  stopMlflow,
  waitForMlflow,
} from "./mlflow-server";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    clients: { type: "string", default: "8" },
    seconds: { type: "string", default: "8" },
    port: { type: "string", default: "3393" },
    "mlflow-port": { type: "string", default: "5393" },
    "skip-batch": { type: "boolean", default: false },
  },
});
const K = Number(values.clients);
const SECONDS = Number(values.seconds);
const TRACES_PER_BATCH = 50;
const SPANS_PER_BATCH_TRACE = 10;
const SPANS_PER_BATCH = TRACES_PER_BATCH * SPANS_PER_BATCH_TRACE;
// Pools sized for well above the fastest server seen on 2 cores (~1,000 one-span req/s, ~12,000
// spans/s batched) over warm-up + SECONDS; a phase that runs out is marked "(pool ran out)".
const ONE_SPAN_POOL = Math.ceil(2500 * (SECONDS + 1));
const BATCH_POOL = Math.ceil((25_000 * (SECONDS + 1)) / SPANS_PER_BATCH);

interface Side {
  server: string;
  oneSpan: PhaseResult;
  oneSpanStored: [number, number];
  batch: PhaseResult | null;
  batchStored: [number, number] | null;
}

/** A fresh store of this kind for one server: a SQLite file in its own directory, or a scratch PostgreSQL database. */
async function freshStore(provider: "sqlite" | "postgresql", prefix: string, file: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const config: DbConfig =
    provider === "postgresql"
      ? await createScratchDatabase(prefix)
      : { provider, url: `file:${path.join(dir, file)}`, file: path.join(dir, file) };
  const drop = async () => {
    if (config.provider === "postgresql") await dropScratchDatabase(config).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { dir, config, drop };
}

/** Both phases against one server, each checked against what its store then holds. */
async function measure(
  server: string,
  pid: number,
  post: (body: Uint8Array<ArrayBuffer>) => Promise<Response>,
  bodies: { oneSpan: Uint8Array<ArrayBuffer>[]; batch: Uint8Array<ArrayBuffer>[] | null },
  countSpans: () => Promise<number>,
): Promise<Side> {
  const oneSpan = await phase(`${server} one span`, pid, K, SECONDS, bodies.oneSpan, post);
  const oneSpanStored: [number, number] = [await storedAtLeast(countSpans, oneSpan.sent), oneSpan.sent];
  if (!bodies.batch) return { server, oneSpan, oneSpanStored, batch: null, batchStored: null };
  const batch = await phase(`${server} batch`, pid, K, SECONDS, bodies.batch, post);
  const expected = oneSpan.sent + batch.sent * SPANS_PER_BATCH;
  const batchStored: [number, number] = [await storedAtLeast(countSpans, expected), expected];
  return { server, oneSpan, oneSpanStored, batch, batchStored };
}

async function tracelight(provider: "sqlite" | "postgresql", bodies: Parameters<typeof measure>[3]): Promise<Side> {
  const store = await freshStore(provider, "tracelight_bench", "tracelight.db");
  const port = Number(values.port);
  const base = `http://127.0.0.1:${port}`;
  // benchApiKey and the span count run in this process against the server's database.
  process.env.DATABASE_URL = store.config.url;
  const server = startServer(store.config, store.dir, port);
  try {
    await waitForHealth(base, server);
    const key = await benchApiKey();
    const headers = {
      authorization: `Bearer ${key}`,
      "content-type": "application/x-protobuf",
      "x-mlflow-experiment-id": await benchExperiment(base, key, "bench-mlflow-compare"),
    };
    const { db } = await import("../../lib/db/client");
    const side = await measure(
      "Tracelight",
      server.pid!,
      (body) => fetch(`${base}/v1/traces`, { method: "POST", headers, body }),
      bodies,
      () => db().span.count(),
    );
    await db().$disconnect();
    (globalThis as { __tracelightDb?: unknown }).__tracelightDb = undefined;
    return side;
  } finally {
    await stopServer(server);
    await store.drop();
  }
}

async function mlflow(provider: "sqlite" | "postgresql", bodies: Parameters<typeof measure>[3]): Promise<Side> {
  const store = await freshStore(provider, "mlflow_bench", "mlflow.db");
  const port = Number(values["mlflow-port"]);
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  try {
    server = startMlflow(store.config, store.dir, port);
    await waitForMlflow(base, server, path.join(store.dir, "mlflow.log"));
    // The same experiments/create call as for Tracelight; MLflow (no auth configured) ignores the key.
    const experimentId = await benchExperiment(base, "none", "bench-mlflow-compare");
    const headers = { "content-type": "application/x-protobuf", "x-mlflow-experiment-id": experimentId };
    return await measure(
      "MLflow",
      server.pid!,
      (body) => fetch(`${base}/v1/traces`, { method: "POST", headers, body }),
      bodies,
      () => mlflowSpanCount(store.config),
    );
  } catch (err) {
    const log = path.join(store.dir, "mlflow.log");
    if (fs.existsSync(log)) console.error(fs.readFileSync(log, "utf8").split("\n").slice(-15).join("\n"));
    throw err;
  } finally {
    if (server) await stopMlflow(server);
    await store.drop();
  }
}

function print(provider: string, version: string, sides: Side[]) {
  const [l1, l5] = os.loadavg();
  console.log(
    `${provider}: ${K} clients, ${SECONDS} s a phase, ${os.cpus().length} cores, load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min); MLflow ${version} (mlflow server: uvicorn, 4 workers)`,
  );
  const row = (s: Side, r: PhaseResult, unit: string, perReq: number, stored: [number, number]) =>
    console.log(
      `  ${s.server.padEnd(10)} ${(unit === "req/s" ? "one span a request" : `${TRACES_PER_BATCH} x ${SPANS_PER_BATCH_TRACE} a request`).padEnd(19)} ${(r.perSec * perReq).toFixed(0).padStart(6)} ${unit.padEnd(7)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  server CPU ${r.cpuMsPerRequest.toFixed(2).padStart(6)} ms/req  stored ${stored[0]}/${stored[1]} spans${stored[0] < stored[1] ? " DROPPED" : " ok"}${r.exhausted ? " (pool ran out)" : ""}`,
    );
  for (const s of sides) row(s, s.oneSpan, "req/s", 1, s.oneSpanStored);
  for (const s of sides) if (s.batch) row(s, s.batch, "spans/s", SPANS_PER_BATCH, s.batchStored!);
  const [t, m] = sides as [Side, Side];
  const ratio = (a: PhaseResult, b: PhaseResult) =>
    `${(a.perSec / b.perSec).toFixed(2)} x the rate, ${(a.cpuMsPerRequest / b.cpuMsPerRequest).toFixed(2)} x the CPU a request`;
  console.log(`  Tracelight / MLflow, one span a request: ${ratio(t.oneSpan, m.oneSpan)}`);
  if (t.batch && m.batch)
    console.log(
      `  Tracelight / MLflow, ${TRACES_PER_BATCH} x ${SPANS_PER_BATCH_TRACE} a request: ${ratio(t.batch, m.batch)}`,
    );
}

const unavailable = mlflowUnavailable();
if (unavailable) {
  console.log(`skipped: ${unavailable}`);
  process.exit(0);
}
const version = mlflowVersion();
// Made once, before any server starts, and sent to both: byte-identical requests in the same order.
const bodies = {
  oneSpan: oneSpanBodies(ONE_SPAN_POOL).bodies,
  batch: values["skip-batch"] ? null : batchBodies(BATCH_POOL, TRACES_PER_BATCH, SPANS_PER_BATCH_TRACE),
};
const providers = values.db === "both" ? (["sqlite", "postgresql"] as const) : [values.db as "sqlite" | "postgresql"];
for (const p of providers) print(p, version, [await tracelight(p, bodies), await mlflow(p, bodies)]);
process.exit(0);
