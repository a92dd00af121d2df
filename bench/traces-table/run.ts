/**
 * Traces-table benchmark: seeds N traces (10 spans each, so 100,000 traces = 1,000,000 spans)
 * plus one 5,000-span trace into a scratch database, then prints p50/p95 server time of the
 * table query (first and deep page, with and without filters) and of opening the big trace,
 * on SQLite and PostgreSQL; also the Sessions list (every 3 traces are one conversation), the
 * cost filter and sort, and how long a price change takes to recompute every trace's cost.
 * Not part of `npm test`.
 *
 *   npx tsx --conditions=react-server bench/traces-table/run.ts [--traces 100000] [--provider sqlite|postgresql|both] [--runs 20]
 *
 * PostgreSQL comes from PG_ADMIN_URL (default postgresql://root@127.0.0.1:5432/postgres); a
 * scratch database is created and dropped.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "../../lib/auth/actor";
import { listConversations } from "../../lib/conversations/service";
import { replaceModelPrices } from "../../lib/costs/service";
import { createDb, type Db } from "../../lib/db/client";
import type { DbConfig, DbProvider } from "../../lib/db/config";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";
import { newExperimentId, randomHex } from "../../lib/ids";
import { getTraceWithSpans } from "../../lib/traces/service";
import { encodePageToken } from "../../lib/traces/search";
import { searchTraces } from "../../lib/traces/search/service";

const { values: args } = parseArgs({
  options: {
    traces: { type: "string", default: "100000" },
    provider: { type: "string", default: "both" },
    runs: { type: "string", default: "20" },
    "spans-per-trace": { type: "string", default: "10" },
  },
});
const N = Number(args.traces);
const RUNS = Number(args.runs);
const SPANS = Number(args["spans-per-trace"]);
const BIG_SPANS = 5000;
const BATCH = 1000;
const PAGE = 50;

function openDb(config: DbConfig): Db {
  process.env.DATABASE_URL = config.url;
  const client = createDb(config);
  (globalThis as unknown as { __tracelightDb?: Db }).__tracelightDb = client;
  return client;
}

const SPAN_TYPES = ["CHAIN", "RETRIEVER", "CHAT_MODEL", "TOOL", "EMBEDDING"];

async function seed(db: Db, experimentId: string): Promise<string> {
  const t0 = Date.now();
  const base = Date.now() - N * 1000;
  await db.experiment.create({
    data: { id: experimentId, name: `bench-${experimentId}`, artifactLocation: `mlflow-artifacts:/${experimentId}` },
  });
  for (let start = 0; start < N; start += BATCH) {
    const traces = [],
      spans = [],
      tags = [],
      metadata = [],
      usage = [],
      assessments = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const id = `tr-${randomHex(16)}`;
      const ts = base + i * 1000;
      const error = i % 10 === 0;
      traces.push({
        id,
        experimentId,
        timestampMs: BigInt(ts),
        executionTimeMs: BigInt(200 + (i % 997)),
        state: error ? "ERROR" : "OK",
        requestPreview: JSON.stringify({ messages: [{ role: "user", content: `question ${i}` }] }),
        responsePreview: JSON.stringify({ answer: `answer ${i}` }),
        name: "rag_pipeline",
        inputTokens: 100 + (i % 50),
        outputTokens: 20,
        totalTokens: 120 + (i % 50),
        spanCount: SPANS,
        sessionId: `session-${Math.floor(i / 3)}`,
        // gpt-4o-mini at $0.15 / $0.60 per million tokens (the price seeded below).
        costUsd: ((100 + (i % 50)) * 0.15 + 20 * 0.6) / 1_000_000,
      });
      usage.push({ traceId: id, model: "gpt-4o-mini", inputTokens: 100 + (i % 50), outputTokens: 20 });
      tags.push(
        { traceId: id, key: "mlflow.traceName", value: "rag_pipeline" },
        { traceId: id, key: "env", value: i % 3 === 0 ? "staging" : "prod" },
      );
      metadata.push(
        { traceId: id, key: "mlflow.trace.user", value: `user-${i % 500}` },
        { traceId: id, key: "mlflow.trace.session", value: `session-${Math.floor(i / 3)}` },
      );
      const root = randomHex(8);
      const startNs = BigInt(ts) * 1_000_000n;
      for (let s = 0; s < SPANS; s++) {
        spans.push({
          traceId: id,
          spanId: s === 0 ? root : randomHex(8),
          parentSpanId: s === 0 ? null : root,
          name: s === 0 ? "rag_pipeline" : `step_${s}`,
          spanType: SPAN_TYPES[s % SPAN_TYPES.length]!,
          startTimeNs: startNs + BigInt(s) * 1_000_000n,
          endTimeNs: startNs + BigInt(s + 10) * 1_000_000n,
          statusCode: "OK",
          inputs: JSON.stringify({ q: `question ${i}` }),
          outputs: JSON.stringify({ a: `answer ${i} step ${s}` }),
          attributes: "{}",
        });
      }
      if (i % 4 === 0)
        assessments.push({
          id: `a-${randomHex(16)}`,
          traceId: id,
          name: "user_feedback",
          kind: "FEEDBACK",
          value: i % 8 === 0 ? "false" : "true",
          sourceType: "HUMAN",
          sourceId: `user-${i % 500}`,
        });
    }
    await db.$transaction([
      db.trace.createMany({ data: traces }),
      db.traceTag.createMany({ data: tags }),
      db.traceMetadata.createMany({ data: metadata }),
      db.span.createMany({ data: spans }),
      db.traceModelUsage.createMany({ data: usage }),
      db.assessment.createMany({ data: assessments }),
    ]);
    if ((start / BATCH) % 10 === 0) process.stdout.write(`\r  seeded ${Math.min(N, start + BATCH)}/${N} traces`);
  }
  await db.modelPrice.create({
    data: { id: randomHex(16), model: "gpt-4o-mini", inputUsdPerMillion: 0.15, outputUsdPerMillion: 0.6 },
  });
  // One very large trace: a root with 5,000 descendants in a few levels.
  const bigId = `tr-${randomHex(16)}`;
  const ts = base - 10_000;
  await db.trace.create({
    data: {
      id: bigId,
      experimentId,
      timestampMs: BigInt(ts),
      executionTimeMs: 60_000n,
      state: "OK",
      name: "big_agent",
      spanCount: BIG_SPANS,
    },
  });
  const ids = Array.from({ length: BIG_SPANS }, () => randomHex(8));
  const bigSpans = ids.map((spanId, k) => ({
    traceId: bigId,
    spanId,
    parentSpanId: k === 0 ? null : ids[Math.floor((k - 1) / 8)]!,
    name: `span_${k}`,
    spanType: SPAN_TYPES[k % SPAN_TYPES.length]!,
    startTimeNs: BigInt(ts) * 1_000_000n + BigInt(k) * 10_000_000n,
    endTimeNs: BigInt(ts) * 1_000_000n + BigInt(k + 5) * 10_000_000n,
    inputs: JSON.stringify({ step: k }),
    outputs: JSON.stringify({ ok: true }),
    attributes: "{}",
  }));
  for (let k = 0; k < bigSpans.length; k += BATCH) await db.span.createMany({ data: bigSpans.slice(k, k + BATCH) });
  process.stdout.write(
    `\r  seeded ${N} traces, ${N * SPANS + BIG_SPANS} spans in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  return bigId;
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up (connection, statement cache)
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return { p50: q(0.5), p95: q(0.95) };
}

async function benchProvider(provider: DbProvider) {
  let config: DbConfig;
  let tmp: string | undefined;
  if (provider === "postgresql") config = await createScratchDatabase("tracelight_bench");
  else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-bench-"));
    const file = path.join(tmp, "bench.db");
    config = { provider, url: `file:${file}`, file };
  }
  console.log(`\n== ${provider}`);
  try {
    await applyMigrations(config);
    const db = openDb(config);
    const experimentId = newExperimentId();
    const bigId = await seed(db, experimentId);
    const deep = encodePageToken(Math.floor(N * 0.9));
    const q = (filter?: string, pageToken?: string) => () =>
      searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], filter, pageToken, maxResults: PAGE });
    const cases: [string, () => Promise<unknown>][] = [
      ["first page, no filter", q()],
      [`deep page (offset ${Math.floor(N * 0.9)}), no filter`, q(undefined, deep)],
      ["first page, status = 'ERROR'", q("attributes.status = 'ERROR'")],
      ["deep page, status = 'ERROR'", q("attributes.status = 'ERROR'", encodePageToken(Math.floor(N * 0.09)))],
      ["first page, feedback.user_feedback = false", q("feedback.user_feedback = false")],
      ["first page, tags.env = 'staging'", q("tags.env = 'staging'")],
      [
        "first page, sort by execution_time_ms DESC",
        () =>
          searchTraces(SYSTEM_ACTOR, {
            experimentIds: [experimentId],
            orderBy: ["execution_time_ms DESC"],
            maxResults: PAGE,
          }),
      ],
      [`open a ${BIG_SPANS}-span trace`, () => getTraceWithSpans(SYSTEM_ACTOR, bigId)],
      ["first page, trace.cost > 0.00003", q("trace.cost > 0.00003")],
      [
        "first page, sort by cost DESC",
        () => searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], orderBy: ["cost DESC"], maxResults: PAGE }),
      ],
      ["sessions, first page", () => listConversations(SYSTEM_ACTOR, experimentId, { maxResults: PAGE })],
      [
        "sessions, first page, tags.env = 'staging'",
        () => listConversations(SYSTEM_ACTOR, experimentId, { maxResults: PAGE, filter: "tags.env = 'staging'" }),
      ],
    ];
    console.log(`  ${"query".padEnd(48)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)}`);
    for (const [label, fn] of cases) {
      const { p50, p95 } = await time(fn);
      console.log(`  ${label.padEnd(48)} ${p50.toFixed(1).padStart(9)} ${p95.toFixed(1).padStart(9)}`);
    }
    // A price change recomputes the stored cost of every trace using the model, in batches.
    const t = performance.now();
    const changed = await replaceModelPrices(SYSTEM_ACTOR, {
      prices: [{ model: "gpt-4o-mini", inputUsdPerMillion: 0.3, outputUsdPerMillion: 1.2 }],
    });
    console.log(
      `  price change: recomputed ${changed.recomputedTraces} traces' cost in ${(performance.now() - t).toFixed(0)} ms`,
    );
    await db.$disconnect();
  } finally {
    if (provider === "postgresql") await dropScratchDatabase(config);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const providers: DbProvider[] = args.provider === "both" ? ["sqlite", "postgresql"] : [args.provider as DbProvider];
console.log(`traces-table bench: ${N} traces × ${SPANS} spans, page size ${PAGE}, ${RUNS} runs per query`);
for (const p of providers) await benchProvider(p);
