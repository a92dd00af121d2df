/**
 * Traces-table benchmark: seeds N traces (10 spans each, so 100,000 traces = 1,000,000 spans)
 * plus one 5,000-span trace into a scratch database, then prints p50/p95 server time of the
 * table query (first and deep page, with and without filters, free text) and of opening the big trace,
 * on SQLite and PostgreSQL; also the Sessions list (every 3 traces are one conversation), the
 * cost filter and sort, and how long a price change takes to recompute every trace's cost.
 * Not part of `npm test`.
 *
 *   npx tsx --conditions=react-server bench/traces-table/run.ts [--traces 100000] [--provider sqlite|postgresql|both] [--runs 20]
 *
 * Seeding 100,000 traces takes minutes, so `--keep` leaves the seeded database in place (and prints
 * its URL) and `--reuse <url>` measures the queries again on one kept database (file:/path for
 * SQLite, postgresql://... for PostgreSQL) without seeding (the closing price change then sets
 * the same prices again and still recomputes every trace's cost).
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
import { seedTraceRange } from "./seed-sql";

const { values: args } = parseArgs({
  options: {
    traces: { type: "string", default: "100000" },
    provider: { type: "string", default: "both" },
    runs: { type: "string", default: "20" },
    "spans-per-trace": { type: "string", default: "10" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
  },
});
const N = Number(args.traces);
const RUNS = Number(args.runs);
const SPANS = Number(args["spans-per-trace"]);
const BIG_SPANS = 5000;
const BATCH = 1000;
/** Traces per seeding statement (10 spans each). */
const SEED_BATCH = 5000;
const PAGE = 50;

function openDb(config: DbConfig): Db {
  process.env.DATABASE_URL = config.url;
  const client = createDb(config);
  (globalThis as unknown as { __tracelightDb?: Db }).__tracelightDb = client;
  return client;
}

const SPAN_TYPES = ["CHAIN", "RETRIEVER", "CHAT_MODEL", "TOOL", "EMBEDDING"];

async function seed(db: Db, provider: DbProvider, experimentId: string): Promise<string> {
  const t0 = Date.now();
  const base = Date.now() - N * 1000;
  await db.experiment.create({
    data: { id: experimentId, name: `bench-${experimentId}`, artifactLocation: `mlflow-artifacts:/${experimentId}` },
  });
  const shape = { provider, experimentId, salt: randomHex(8), base, spans: SPANS, spanTypes: SPAN_TYPES };
  for (let start = 0; start < N; start += SEED_BATCH) {
    await seedTraceRange(db, shape, start, Math.min(N, start + SEED_BATCH));
    process.stdout.write(`\r  seeded ${Math.min(N, start + SEED_BATCH)}/${N} traces`);
  }
  // A live PostgreSQL has planner statistics (autovacuum analyses tables as they grow); right
  // after a bulk load it has none yet, and plans from empty-table estimates. SQLite keeps no
  // statistics unless told to, and the app does not, so it is measured without.
  if (provider === "postgresql") await db.$executeRawUnsafe("ANALYZE");
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

/** The experiment and the big trace of a database seeded by an earlier `--keep` run. */
async function findSeeded(db: Db): Promise<{ experimentId: string; bigId: string }> {
  const experiment = await db.experiment.findFirst({ where: { name: { startsWith: "bench-" } } });
  const big = await db.trace.findFirst({ where: { name: "big_agent", experimentId: experiment?.id } });
  if (!experiment || !big) throw new Error("--reuse: no seeded bench experiment in that database");
  return { experimentId: experiment.id, bigId: big.id };
}

async function benchProvider(provider: DbProvider) {
  let config: DbConfig;
  let tmp: string | undefined;
  const reuse = args.reuse;
  if (reuse)
    config = reuse.startsWith("file:") ? { provider, url: reuse, file: reuse.slice(5) } : { provider, url: reuse };
  else if (provider === "postgresql") config = await createScratchDatabase("tracelight_bench");
  else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-bench-"));
    const file = path.join(tmp, "bench.db");
    config = { provider, url: `file:${file}`, file };
  }
  console.log(`\n== ${provider}`);
  try {
    await applyMigrations(config);
    const db = openDb(config);
    const { experimentId, bigId } = reuse
      ? await findSeeded(db)
      : await (async () => {
          const experimentId = newExperimentId();
          return { experimentId, bigId: await seed(db, provider, experimentId) };
        })();
    const total = await db.trace.count({ where: { experimentId } });
    if (reuse) console.log(`  reusing ${config.url}: ${total} traces`);
    const n = total - 1; // the seeded traces, without the big one
    const search = (filter?: string, orderBy?: string[], pageToken?: string) =>
      searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], filter, orderBy, pageToken, maxResults: PAGE });
    const q = (filter?: string, pageToken?: string) => () => search(filter, undefined, pageToken);
    /** The keyset token of the page at `offset` (found once by an offset read, not timed). */
    const keysetAt = async (offset: number, filter?: string, orderBy?: string[]) => {
      const before = await search(filter, orderBy, encodePageToken(Math.max(0, offset - PAGE)));
      if (!before.nextPageToken) throw new Error(`no page at offset ${offset}`);
      return before.nextPageToken;
    };
    const deepOffset = Math.floor(n * 0.9);
    const deepKeyset = await keysetAt(deepOffset);
    const deepError = await keysetAt(Math.floor(n * 0.09), "attributes.status = 'ERROR'");
    const deepDuration = await keysetAt(deepOffset, undefined, ["execution_time_ms DESC"]);
    const deepCost = await keysetAt(deepOffset, undefined, ["cost DESC"]);
    const deepBack = (await search(undefined, undefined, deepKeyset)).prevPageToken;
    const anHourAgo = Date.now() - 3_600_000;
    const cases: [string, () => Promise<unknown>][] = [
      ["first page, no filter", q()],
      [`deep page (keyset, row ${deepOffset}), no filter`, q(undefined, deepKeyset)],
      [`previous page from there (keyset)`, q(undefined, deepBack)],
      [`deep page (offset token ${deepOffset}), no filter`, q(undefined, encodePageToken(deepOffset))],
      ["first page, status = 'ERROR'", q("attributes.status = 'ERROR'")],
      ["deep page (keyset), status = 'ERROR'", q("attributes.status = 'ERROR'", deepError)],
      ["first page, timestamp_ms in the last hour", q(`attributes.timestamp_ms >= ${anHourAgo}`)],
      ["first page, metadata user = 'user-7'", q("metadata.`mlflow.trace.user` = 'user-7'")],
      ["first page, feedback.user_feedback = false", q("feedback.user_feedback = false")],
      ["first page, tags.env = 'staging'", q("tags.env = 'staging'")],
      // Free text: 1% of the traces mention GPU (1,000 at 100,000); a word no trace has; both
      // combined with a tag. The rare-word case is where a scan would cost most.
      ["free text GPU (1% of traces)", q("GPU")],
      ["free text GPU AND tags.env = 'prod'", q("GPU AND tags.env = 'prod'")],
      ["free text, a word no trace has", q("zeppelin")],
      ["free text 'answer' (every trace)", q("answer")],
      ["free text 'answer' AND tags.env = 'staging'", q("answer AND tags.env = 'staging'")],
      ["feedback.user_feedback > 0 (numeric, none match)", q("feedback.user_feedback > 0")],
      ["first page, sort by execution_time_ms DESC", () => search(undefined, ["execution_time_ms DESC"])],
      [
        "deep page (keyset), sort by execution_time_ms DESC",
        () => search(undefined, ["execution_time_ms DESC"], deepDuration),
      ],
      [`open a ${BIG_SPANS}-span trace`, () => getTraceWithSpans(SYSTEM_ACTOR, bigId)],
      ["first page, trace.cost > 0.00003", q("trace.cost > 0.00003")],
      ["first page, sort by cost DESC", () => search(undefined, ["cost DESC"])],
      ["deep page (keyset), sort by cost DESC", () => search(undefined, ["cost DESC"], deepCost)],
      ["sessions, first page", () => listConversations(SYSTEM_ACTOR, experimentId, { maxResults: PAGE })],
      [
        "sessions, first page, tags.env = 'staging'",
        () => listConversations(SYSTEM_ACTOR, experimentId, { maxResults: PAGE, filter: "tags.env = 'staging'" }),
      ],
    ];
    console.log(`  ${"query".padEnd(52)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)}`);
    for (const [label, fn] of cases) {
      const { p50, p95 } = await time(fn);
      console.log(`  ${label.padEnd(52)} ${p50.toFixed(1).padStart(9)} ${p95.toFixed(1).padStart(9)}`);
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
    if (reuse) {
      // measured a kept database: leave it
    } else if (args.keep) console.log(`  kept the seeded database: --reuse ${config.url}`);
    else {
      if (provider === "postgresql") await dropScratchDatabase(config);
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}

const providers: DbProvider[] = args.reuse
  ? [args.reuse.startsWith("file:") ? "sqlite" : "postgresql"]
  : args.provider === "both"
    ? ["sqlite", "postgresql"]
    : [args.provider as DbProvider];
console.log(
  `traces-table bench: ${N} traces × ${SPANS} spans, page size ${PAGE}, ${RUNS} runs per query; ` +
    `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} at start`,
);
for (const p of providers) await benchProvider(p);
