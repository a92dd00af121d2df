// A 50,000-span trace against a production server (`npm start`) on a scratch database: seeds it
// through OTLP, then prints what the trace view's first load costs (the compact tree plus the
// selected span's content, in bytes and ms) beside one page of the full-trace API, and what 16
// concurrent opens do to the server: RSS growth and /health latency (p50/p95) meanwhile. The
// opens start cold (a span arrives first), as when a team opens a shared link to a live trace.
//
//   npx tsx --conditions=react-server bench/big-trace/run.ts [--db sqlite|postgresql|both]
//       [--spans 50000] [--opens 16] [--port 3392]
//
// Time to usable in Chromium is printed by e2e/ui/traces-large.spec.ts. Not part of `npm test`.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DbConfig } from "../../lib/db/config";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";
import { processTreeRssMb } from "../ingest/rss";
import { otlpBody, type SpanSpec } from "../ingest/workload";
import { benchApiKey, benchExperiment, startServer, stopServer, waitForHealth } from "../server";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    spans: { type: "string", default: "50000" },
    opens: { type: "string", default: "16" },
    port: { type: "string", default: "3392" },
  },
});
const SPANS = Number(values.spans);
const OPENS = Number(values.opens);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;
/** One span carries a big input, as real agents' documents do: it must not be in the first load. */
const BIG_INPUT_BYTES = 2 * 1024 * 1024;

/** A root agent, groups of 100 (a step and its 99 tool calls), as many as SPANS allows. */
function bigTrace(): { traceId: string; rootHex: string; chunks: SpanSpec[][] } {
  const traceHex = randomBytes(16).toString("hex");
  const rootHex = randomBytes(8).toString("hex");
  const t0 = BigInt(Date.now() - 3_600_000) * 1_000_000n;
  const spans: SpanSpec[] = [];
  const span = (
    parentHex: string | null,
    name: string,
    type: string,
    startUs: number,
    durUs: number,
    input: string,
  ) => {
    const spanHex = parentHex === null ? rootHex : randomBytes(8).toString("hex");
    spans.push({
      traceHex,
      spanHex,
      parentHex,
      name,
      type,
      startNs: t0 + BigInt(startUs) * 1000n,
      endNs: t0 + BigInt(startUs + durUs) * 1000n,
      input,
      output: JSON.stringify({ result: `${name} done`, detail: "y".repeat(120) }),
    });
    return spanHex;
  };
  const groups = Math.ceil((SPANS - 1) / 100);
  span(null, "big_agent", "AGENT", 0, groups * 1000 + 10, JSON.stringify({ question: "run the big plan" }));
  for (let g = 0; g < groups && spans.length < SPANS; g++) {
    const step = span(rootHex, `step_${g}`, "CHAIN", g * 1000 + 1, 990, JSON.stringify({ step: g }));
    for (let l = 0; l < 99 && spans.length < SPANS; l++) {
      const input =
        g === 0 && l === 0
          ? JSON.stringify({ document: "z".repeat(BIG_INPUT_BYTES) })
          : JSON.stringify({ arg: l, note: "x".repeat(100) });
      span(step, `tool_${g}_${l}`, "TOOL", g * 1000 + 2 + l * 10, 9, input);
    }
  }
  const chunks: SpanSpec[][] = [];
  for (let i = 0; i < spans.length; i += 2500) chunks.push(spans.slice(i, i + 2500));
  return { traceId: `tr-${traceHex}`, rootHex, chunks };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function get(key: string, url: string): Promise<{ bytes: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(`${BASE}${url}`, { headers: { authorization: `Bearer ${key}` } });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  return { bytes: body.byteLength, ms: performance.now() - t };
}

async function benchOne(provider: "sqlite" | "postgresql") {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-big-"));
  const config: DbConfig =
    provider === "postgresql"
      ? await createScratchDatabase("tracelight_bench")
      : { provider, url: `file:${path.join(dataDir, "tracelight.db")}`, file: path.join(dataDir, "tracelight.db") };
  process.env.DATABASE_URL = config.url;
  const server = startServer(config, dataDir, PORT);
  try {
    await waitForHealth(BASE, server);
    const key = await benchApiKey();
    const experimentId = await benchExperiment(BASE, key, "bench-big-trace");
    const { traceId, rootHex, chunks } = bigTrace();
    const post = async (spans: SpanSpec[]) => {
      const res = await fetch(`${BASE}/v1/traces`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/x-protobuf",
          "x-mlflow-experiment-id": experimentId,
        },
        body: new Uint8Array(otlpBody(spans)),
      });
      if (!res.ok) throw new Error(`seeding: ${res.status} ${await res.text()}`);
    };
    const seedStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < chunks.length) await post(chunks[next++]!);
      }),
    );
    const seedS = (performance.now() - seedStart) / 1000;
    const spanCount = chunks.reduce((n, c) => n + c.length, 0);

    const tree = await get(key, `/api/traces/${traceId}/tree`);
    // What the trace view downloads: the same JSON as a gzip file compressed once per trace version.
    const treeGzip = await get(key, `/api/traces/${traceId}/tree?encoding=gzip`);
    const root = await get(key, `/api/traces/${traceId}/spans/${rootHex}`);
    const page = await get(key, `/api/traces/${traceId}`);

    // 16 opens at once (tree + the root span's content, what the view loads), /health probed meanwhile.
    // One more span first: the server shares a trace version's tree between opens (lib/traces/
    // tree-cache.ts), so without it the opens below would find the first load's tree ready.
    const last = chunks.at(-1)!.at(-1)!;
    await post([{ ...last, spanHex: randomBytes(8).toString("hex"), name: "late_span" }]);
    const pid = server.pid!;
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = processTreeRssMb(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, processTreeRssMb(pid))), 100);
    const health: number[] = [];
    let opening = true;
    const prober = (async () => {
      while (opening) {
        health.push((await get(key, "/api/health")).ms);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const openStart = performance.now();
    const opens = await Promise.all(
      Array.from({ length: OPENS }, async () => {
        const t = performance.now();
        await Promise.all([
          get(key, `/api/traces/${traceId}/tree?encoding=gzip`),
          get(key, `/api/traces/${traceId}/spans/${rootHex}`),
        ]);
        return performance.now() - t;
      }),
    );
    const openAllMs = performance.now() - openStart;
    opening = false;
    await prober;
    clearInterval(sampler);

    const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
    console.log(
      [
        `${provider.padEnd(10)} one trace of ${spanCount} spans (one with a ${BIG_INPUT_BYTES / 1048576} MiB input), seeded over OTLP in ${seedS.toFixed(1)} s`,
        `  first load: tree ${kb(tree.bytes)} in ${tree.ms.toFixed(0)} ms + root span ${kb(root.bytes)} in ${root.ms.toFixed(0)} ms = ${((tree.bytes + root.bytes) / 1048576).toFixed(2)} MiB (target < 5 MB)`,
        `  the tree as the trace view downloads it (?encoding=gzip): ${kb(treeGzip.bytes)} in ${treeGzip.ms.toFixed(0)} ms`,
        `  full-trace API, first page (500 spans with content): ${kb(page.bytes)} in ${page.ms.toFixed(0)} ms`,
        `  ${OPENS} concurrent opens of the trace after a new span (one tree build, shared): all done in ${openAllMs.toFixed(0)} ms (p50 ${pct(opens, 50).toFixed(0)} ms, max ${Math.max(...opens).toFixed(0)} ms)`,
        `  server RSS: ${rssBefore.toFixed(0)} MB before, peak ${rssPeak.toFixed(0)} MB, growth ${(rssPeak - rssBefore).toFixed(0)} MB (target < 300 MB)`,
        `  /health meanwhile: ${health.length} requests, p50 ${pct(health, 50).toFixed(0)} ms, p95 ${pct(health, 95).toFixed(0)} ms (target < 200 ms)`,
      ].join("\n"),
    );
    const { db } = await import("../../lib/db/client");
    await db().$disconnect();
    Object.assign(globalThis, { __tracelightDb: undefined });
  } finally {
    await stopServer(server);
    if (config.provider === "postgresql") await dropScratchDatabase(config).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const providers = values.db === "both" ? (["sqlite", "postgresql"] as const) : [values.db as "sqlite" | "postgresql"];
for (const p of providers) await benchOne(p);
process.exit(0);
