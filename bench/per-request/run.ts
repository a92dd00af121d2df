// Per-request cost: the app as users run it (`npm start`, production build) on a scratch
// database, K concurrent clients, each phase for D seconds after a short warm-up:
//   - `GET /health` (a static response: the framework's floor),
//   - one-span OTLP/protobuf requests to `/v1/traces` (how MLflow's Python client exports by
//     default: every span its own request, the spans of a trace in consecutive requests),
//   - assessment creates (`POST /api/traces/<id>/assessments`, JSON) on the traces just sent,
//   - `GET /health` again (the ratios are to the mean of both floors).
// Prints requests/s, p50/p95 latency, the server's CPU per request (its whole process tree) and
// each phase's ratio to /health.
//
//   npx tsx --conditions=react-server bench/per-request/run.ts [--db sqlite|postgresql|both]
//       [--clients 8] [--seconds 10] [--port 3392]
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
import { ONE_SPAN_TRACE_SPANS, oneSpanBodies } from "../ingest/workload";
import { processTreeRssMb } from "../ingest/rss";
import { timedPhase, type TimedPhase } from "../timed-phase";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    clients: { type: "string", default: "8" },
    seconds: { type: "string", default: "10" },
    port: { type: "string", default: "3392" },
  },
});
const K = Number(values.clients);
const SECONDS = Number(values.seconds);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;

interface PhaseResult extends TimedPhase {
  name: string;
}

/** Runs `send` from K clients for `seconds` (after a warm-up of a second); `send(i)` makes request number i. */
async function phase(
  name: string,
  serverPid: number,
  send: (i: number) => Promise<Response>,
  seconds = SECONDS,
): Promise<PhaseResult> {
  return { name, ...(await timedPhase({ label: name, serverPid, clients: K, seconds, send })) };
}

async function benchOne(provider: "sqlite" | "postgresql") {
  // Enough one-span bodies for a fast server; the stream wraps around (a resent span is an upsert).
  // Made before any request: an idle keep-alive connection the server closes meanwhile would fail the next one.
  const { bodies, traceIds } = oneSpanBodies(100_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-bench-"));
  const config: DbConfig =
    provider === "postgresql"
      ? await createScratchDatabase("tracelight_bench")
      : { provider, url: `file:${path.join(dataDir, "tracelight.db")}`, file: path.join(dataDir, "tracelight.db") };
  process.env.DATABASE_URL = config.url;
  const server = startServer(config, dataDir, PORT);
  try {
    await waitForHealth(BASE, server);
    const pid = server.pid!;
    const key = await benchApiKey();
    const experimentId = await benchExperiment(BASE, key, "bench-per-request");
    const idleRss = processTreeRssMb(pid);
    const otlpHeaders = {
      authorization: `Bearer ${key}`,
      "content-type": "application/x-protobuf",
      "x-mlflow-experiment-id": experimentId,
    };
    const health = await phase("GET /health", pid, () => fetch(`${BASE}/health`));
    const oneSpan = await phase("OTLP, one span a request", pid, (i) =>
      fetch(`${BASE}/v1/traces`, { method: "POST", headers: otlpHeaders, body: bodies[i % bodies.length]! }),
    );
    // Assessments go on traces the one-span phase completed.
    const sent = Math.min(traceIds.length, Math.floor(oneSpan.requests / ONE_SPAN_TRACE_SPANS));
    const assessment = await phase("assessment create", pid, (i) =>
      fetch(`${BASE}/api/traces/${traceIds[i % sent]}/assessments`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          name: "quality",
          kind: "FEEDBACK",
          value: i % 5,
          rationale: "bench",
          source: { sourceType: "HUMAN", sourceId: "bench" },
        }),
      }),
    );
    // The floor again: this machine's speed drifts over a minute (shared cores), so the ratios are
    // to the mean of the floor measured before and after the app's phases, both printed.
    const healthAfter = await phase("GET /health, again", pid, () => fetch(`${BASE}/health`));
    const floor = (health.perSec + healthAfter.perSec) / 2;
    const peakRss = processTreeRssMb(pid);
    const [l1, l5] = os.loadavg();
    console.log(
      `${provider}: ${K} clients, ${SECONDS} s a phase, ${os.cpus().length} cores, load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min); server RSS idle ${idleRss.toFixed(0)} MB, after ${peakRss.toFixed(0)} MB`,
    );
    for (const r of [health, oneSpan, assessment, healthAfter])
      console.log(
        `  ${r.name.padEnd(26)} ${r.perSec.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/req  ${r === health || r === healthAfter ? "(floor)" : `= ${(r.perSec / floor).toFixed(2)} x /health (${floor.toFixed(0)}, the mean of both)`}`,
      );
    const { db } = await import("../../lib/db/client");
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
