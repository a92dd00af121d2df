// OTLP ingestion benchmark: starts the app the way users do (`npm start`) on a scratch database,
// sends N traces of M spans as OTLP protobuf with K concurrent clients, and prints spans per
// second and the server's peak memory, beside the fair ceilings measured in the same run (see
// ceiling.ts): the writer's rows written straight into the app's migrated schema through the
// driver (prepared statements, 500-span transactions), and on SQLite the in-memory physical limit.
//
//   npx tsx --conditions=react-server bench/ingest/run.ts [--db sqlite|postgresql|both]
//       [--traces 500] [--spans 10] [--per-request 1] [--clients 8] [--port 3391]
//
// --per-request: whole traces in one request. Issue 14 states its target for batches of 50 traces x 10
// spans (an OpenTelemetry batch exporter's shape); 1 is one trace per request.
//
// PostgreSQL uses a scratch database on PG_ADMIN_URL (default postgresql://root@127.0.0.1:5432/postgres).
// Not part of `npm test`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchApiKey, benchExperiment, startServer, stopServer, waitForHealth } from "../server";
import type { DbConfig } from "../../lib/db/config";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";
import { postgresSchemaCeiling, sqlitePhysicalLimit, sqliteSchemaCeiling } from "./ceiling";
import { makeOtlpBodies, makeRows } from "./workload";
import { processTreeCpuMs, processTreeRssMb } from "./rss";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    traces: { type: "string", default: "500" },
    spans: { type: "string", default: "10" },
    "per-request": { type: "string", default: "1" },
    clients: { type: "string", default: "8" },
    port: { type: "string", default: "3391" },
  },
});
const N = Number(values.traces);
const M = Number(values.spans);
const K = Number(values.clients);
const PER_REQUEST = Number(values["per-request"]);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;
/** POST one OTLP/protobuf body to the app's /v1/traces for the experiment. */
function postOtlp(key: string, experimentId: string, body: Uint8Array): Promise<Response> {
  return fetch(`${BASE}/v1/traces`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/x-protobuf",
      "x-mlflow-experiment-id": experimentId,
    },
    body: new Uint8Array(body),
  });
}

async function viaOtlp(key: string, experimentId: string, serverPid: number) {
  const bodies = makeOtlpBodies(N, M, PER_REQUEST);
  // Warm-up, not timed: the route's code loads on its first request (preloadEntriesOnStart:
  // false), and the decode thread (lib/ingestion/decode-thread) starts on the first body big
  // enough for it (one small body, one of 50 traces), then takes under a second to boot, during
  // which requests decode on the main thread.
  for (const warmBody of [makeOtlpBodies(1, M)[0]!, makeOtlpBodies(50, M, 50)[0]!]) {
    const warm = await postOtlp(key, experimentId, warmBody);
    if (!warm.ok) throw new Error(`warm-up request failed: ${warm.status} ${await warm.text()}`);
  }
  await new Promise((r) => setTimeout(r, 2000));
  let next = 0;
  let peakRss = processTreeRssMb(serverPid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, processTreeRssMb(serverPid))), 200);
  const started = performance.now();
  const serverCpu0 = processTreeCpuMs(serverPid);
  const clientCpu0 = process.cpuUsage();
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: K }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await postOtlp(key, experimentId, body);
        if (!res.ok) failures.push(`${res.status} ${await res.text()}`);
        else await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Cores busy in the server (its process tree) and in this load generator: on 2 cores a busy
  // client is itself a limit of the figure.
  const serverCores = (processTreeCpuMs(serverPid) - serverCpu0) / 1000 / seconds;
  const client = process.cpuUsage(clientCpu0);
  const clientCores = (client.user + client.system) / 1e6 / seconds;
  clearInterval(sampler);
  if (failures.length) throw new Error(`${failures.length} requests failed, first: ${failures[0]}`);
  return { seconds, spansPerSec: (N * M) / seconds, peakRss, serverCores, clientCores };
}

/** The ceilings of this database (ceiling.ts), on rows for a fresh experiment. */
async function ceilings(config: DbConfig, experimentId: string) {
  const rows = makeRows(N, M, experimentId);
  if (config.provider === "sqlite") {
    const schema = sqliteSchemaCeiling(config.file!, rows);
    return { schema, note: "better-sqlite3 prepared, WAL file", physical: sqlitePhysicalLimit(makeRows(N, M, "x")) };
  }
  const one = await postgresSchemaCeiling(config.url, rows, 1);
  const many = await postgresSchemaCeiling(config.url, makeRows(N, M, experimentId), K);
  return {
    schema: Math.max(one, many),
    note: `pg multi-row prepared, best of 1 (${one.toFixed(0)}) and ${K} (${many.toFixed(0)}) connections`,
    physical: null,
  };
}

async function benchOne(provider: "sqlite" | "postgresql") {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-bench-"));
  const config: DbConfig =
    provider === "postgresql"
      ? await createScratchDatabase("tracelight_bench")
      : { provider, url: `file:${path.join(dataDir, "tracelight.db")}`, file: path.join(dataDir, "tracelight.db") };
  process.env.DATABASE_URL = config.url;
  const server = startServer(config, dataDir, PORT);
  try {
    await waitForHealth(BASE, server);
    const key = await benchApiKey();
    const mkExp = (name: string) => benchExperiment(BASE, key, name);
    const idleRss = processTreeRssMb(server.pid!);
    const otlp = await viaOtlp(key, await mkExp("bench-otlp"), server.pid!);
    const limits = await ceilings(config, await mkExp("bench-direct"));
    const { db } = await import("../../lib/db/client");
    const stored = await db().span.count();
    const rate = (x: number) => x.toFixed(0).padStart(7);
    console.log(
      [
        `${provider.padEnd(10)} ${N} traces x ${M} spans, ${PER_REQUEST} a request, ${K} clients (${stored} spans stored); ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`,
        `  app, OTLP /v1/traces   : ${rate(otlp.spansPerSec)} spans/s  (${otlp.seconds.toFixed(2)} s; server RSS idle ${idleRss.toFixed(0)} MB, peak ${otlp.peakRss.toFixed(0)} MB)`,
        `  cores busy meanwhile   : server ${otlp.serverCores.toFixed(2)}, this load generator ${otlp.clientCores.toFixed(2)}`,
        `  schema ceiling         : ${rate(limits.schema)} spans/s  (${limits.note}, 500 spans a transaction)`,
        ...(limits.physical
          ? [`  physical limit         : ${rate(limits.physical)} spans/s  (bare in-memory table)`]
          : []),
        `  app / schema ceiling   : ${(otlp.spansPerSec / limits.schema).toFixed(2)}`,
      ].join("\n"),
    );
    await db().$disconnect();
    (globalThis as { __tracelightDb?: unknown }).__tracelightDb = undefined;
  } finally {
    await stopServer(server);
    if (config.provider === "postgresql") await dropScratchDatabase(config).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const providers = values.db === "both" ? (["sqlite", "postgresql"] as const) : [values.db as "sqlite" | "postgresql"];
for (const p of providers) await benchOne(p);
process.exit(0);
