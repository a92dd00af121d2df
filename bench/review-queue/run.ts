/**
 * Review-queue benchmark: R reviewers work one labeling session at once through the production
 * server (`npm start`, bench/server.ts), each doing what the Review App does on Submit: POST
 * .../items/<id>/submit with `next: true`, whose answer carries the next item (--flow
 * two-requests: POST .../submit, then POST .../next). Prints p50/p95/max of submit-and-next (the
 * round trips the reviewer waits for; between submits a reviewer "reads" for --think-ms,
 * 0 for back to back), checks that every item got exactly `labelsPerItem`
 * completed claims and labels (by different reviewers), and prints a fair ceiling: the same
 * claim + submit on a second session of the same shape, straight through the driver
 * (better-sqlite3 / pg, one transaction each, the same locking rules), in the same run.
 * Not part of `npm test`.
 *
 * With --prefill N the first N items of both sessions are already full before the run (labelled by
 * other reviewers earlier): every claim then looks past them, as it does late in a long session.
 *
 * With --warmup N (default 200) the same reviewers first work back to back through a third session
 * of N items, not measured: a server that has been serving for a while, whose JavaScript is
 * compiled and optimised, instead of one started a second ago (a fresh server's first few hundred
 * Submits cost up to twice the CPU). --warmup 0 measures the fresh server.
 *
 *   npx tsx --conditions=react-server bench/review-queue/run.ts [--db sqlite|postgresql|both] [--reviewers 40] [--items 200] [--labels 2] [--prefill 0] [--warmup 200] [--think-ms 1000] [--flow one-request|two-requests] [--port 3421]
 *
 * The first run builds the app into .next-bench (minutes); `git checkout tsconfig.json` afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { SYSTEM_ACTOR } from "../../lib/auth/actor";
import type { DbConfig, DbProvider } from "../../lib/db/config";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";
import { newId, randomHex } from "../../lib/ids";
import { startServer, stopServer, waitForHealth } from "../server";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "both" },
    reviewers: { type: "string", default: "40" },
    items: { type: "string", default: "200" },
    labels: { type: "string", default: "2" },
    prefill: { type: "string", default: "0" },
    warmup: { type: "string", default: "200" },
    port: { type: "string", default: "3421" },
    "think-ms": { type: "string", default: "1000" },
    flow: { type: "string", default: "one-request" },
  },
});
const REVIEWERS = Number(args.reviewers);
const ITEMS = Number(args.items);
const LABELS = Number(args.labels);
/** Items full before the run (the queue's first ones). */
const PREFILL = Math.min(Number(args.prefill), Number(args.items));
/** Items of the unmeasured warm-up session (at most --items: it reuses their traces). */
const WARMUP = Math.min(Number(args.warmup), Number(args.items));
const PORT = Number(args.port);
/** A reviewer reads and answers between submits: uniform in [0.5, 1.5] x this (0: back to back). */
const THINK_MS = Number(args["think-ms"]);
const BASE = `http://127.0.0.1:${PORT}`;
/**
 * one-request: what the Review App does on Submit, POST .../submit with `next: true` (the next
 * item comes with the answer); two-requests: POST .../submit, then POST .../next (the API's
 * two calls, as the Review App did before).
 */
const FLOW = args.flow === "two-requests" ? "two-requests" : "one-request";

interface Seeded {
  experimentId: string;
  sessionId: string;
  ceilingSessionId: string;
  warmupSessionId: string | null;
  runId: string;
  reviewers: { id: string; email: string; key: string }[];
  /** Traces of the items that were full before the run. */
  prefilled: Set<string>;
}

/** Experiment, traces, one question, two sessions over the same traces, reviewers with API keys. */
async function seed(): Promise<Seeded> {
  const { db } = await import("../../lib/db/client");
  const { createExperiment } = await import("../../lib/experiments/service");
  const { createUser } = await import("../../lib/users/service");
  const { createApiKey } = await import("../../lib/users/api-keys/service");
  const { createLabelSchema } = await import("../../lib/labeling/label-schemas/service");
  const { createLabelingSession } = await import("../../lib/labeling/sessions/service");
  const { addSessionItems } = await import("../../lib/labeling/items/service");
  const exp = await createExperiment(SYSTEM_ACTOR, { name: `review-bench-${randomHex(4)}` });
  const experimentId = exp.id;
  const now = Date.now();
  const traceIds = Array.from({ length: ITEMS }, () => `tr-${randomHex(16)}`);
  await db().trace.createMany({
    data: traceIds.map((id, i) => ({
      id,
      experimentId,
      timestampMs: BigInt(now - i * 1000),
      executionTimeMs: 120n,
      state: "OK",
      name: "chat",
      requestPreview: JSON.stringify({ question: `q${i}` }),
      responsePreview: JSON.stringify({ answer: `a${i}` }),
      spanCount: 1,
    })),
  });
  await db().span.createMany({
    data: traceIds.map((traceId, i) => ({
      traceId,
      spanId: randomHex(8),
      name: "chat",
      spanType: "CHAIN",
      startTimeNs: BigInt(now - i * 1000) * 1_000_000n,
      endTimeNs: BigInt(now - i * 1000 + 120) * 1_000_000n,
      statusCode: "OK",
      inputs: JSON.stringify({ question: `q${i}` }),
      outputs: JSON.stringify({ answer: `a${i}` }),
      attributes: "{}",
    })),
  });
  await createLabelSchema(SYSTEM_ACTOR, {
    experimentId,
    name: "verdict",
    type: "feedback",
    title: "Verdict",
    enableComment: false,
    overwrite: false,
    input: { type: "categorical", options: ["good", "bad"] },
  });
  const reviewers: Seeded["reviewers"] = [];
  for (let r = 0; r < REVIEWERS; r++) {
    const email = `reviewer-${r}-${randomHex(3)}@bench.test`;
    const { user } = await createUser(SYSTEM_ACTOR, {
      email,
      role: "REVIEWER",
      password: "bench-reviewer-pass-1",
    } as never);
    reviewers.push({ id: user.id, email, key: (await createApiKey(SYSTEM_ACTOR, "bench", user.id)).key });
  }
  const session = async (name: string, traces = traceIds) => {
    const s = await createLabelingSession(SYSTEM_ACTOR, {
      experimentId,
      name,
      labelSchemas: ["verdict"],
      assignedUsers: reviewers.map((r) => r.email),
      labelsPerItem: LABELS,
      openToAllReviewers: false,
    });
    await addSessionItems(SYSTEM_ACTOR, s.id, { traceIds: traces });
    return s;
  };
  const app = await session("bench queue");
  const ceiling = await session("bench ceiling");
  // Its own session (and run): its labels are not this run's, which checkExact counts.
  const warmup = WARMUP > 0 ? await session("bench warm-up", traceIds.slice(0, WARMUP)) : null;
  // Earlier reviewers filled the first PREFILL items of both sessions (claims only: their labels
  // would be in the session's run, which the check below reads for this run's reviewers).
  const prefilled = new Set(traceIds.slice(0, PREFILL));
  if (PREFILL > 0) {
    const earlier: string[] = [];
    for (let e = 0; e < LABELS; e++) {
      const { user } = await createUser(SYSTEM_ACTOR, {
        email: `earlier-${e}-${randomHex(3)}@bench.test`,
        role: "REVIEWER",
        password: "bench-reviewer-pass-1",
      } as never);
      earlier.push(user.id);
    }
    const full = await db().labelingItem.findMany({
      where: { sessionId: { in: [app.id, ceiling.id] }, position: { lt: PREFILL } },
      select: { id: true },
    });
    await db().labelingClaim.createMany({
      data: full.flatMap((item) =>
        earlier.map((userId) => ({
          id: newId(),
          itemId: item.id,
          userId,
          status: "COMPLETED",
          completedAt: new Date(),
        })),
      ),
    });
  }
  return {
    experimentId,
    sessionId: app.id,
    ceilingSessionId: ceiling.id,
    warmupSessionId: warmup?.id ?? null,
    runId: app.runId,
    reviewers,
    prefilled,
  };
}

async function call<T>(key: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

type Next = { item: { itemId: string } | null };

/** Every reviewer claims, then submits and claims the next until the queue has nothing for them. */
async function runReviewers(
  s: Seeded,
  sessionId: string,
  thinkMs: number,
): Promise<{ samples: number[]; conflicts: number; wallMs: number }> {
  const base = `/api/labeling/sessions/${sessionId}`;
  const samples: number[] = [];
  let conflicts = 0;
  const t0 = performance.now();
  await Promise.all(
    s.reviewers.map(async (r) => {
      let next = await call<Next>(r.key, "POST", `${base}/next`);
      while (next.item) {
        if (thinkMs > 0) await new Promise((res) => setTimeout(res, thinkMs * (0.5 + Math.random())));
        const t = performance.now();
        const body = { answers: { verdict: { value: Math.random() < 0.5 ? "good" : "bad" } } };
        let submitted: { next?: Next } = {};
        try {
          submitted = await call<{ next?: Next }>(r.key, "POST", `${base}/items/${next.item.itemId}/submit`, {
            ...body,
            ...(FLOW === "one-request" ? { next: true } : {}),
          });
        } catch (error) {
          // A 409 would mean the claim was lost: counted and reported, never expected.
          if (!String(error).includes(": 409 ")) throw error;
          conflicts++;
        }
        next = submitted.next ?? (await call<Next>(r.key, "POST", `${base}/next`));
        samples.push(performance.now() - t);
      }
    }),
  );
  return { samples, conflicts, wallMs: performance.now() - t0 };
}

/** Every item: exactly LABELS completed claims by different reviewers and LABELS labels on its trace from this run. */
async function checkExact(s: Seeded, sessionId: string, runId: string | null): Promise<string> {
  const { db } = await import("../../lib/db/client");
  const items = await db().labelingItem.findMany({
    where: { sessionId },
    select: { traceId: true, claims: { select: { userId: true, status: true } } },
  });
  const labels = runId
    ? await db().assessment.groupBy({
        by: ["traceId"],
        where: { runId, name: "verdict", valid: true },
        _count: { _all: true },
      })
    : [];
  const labelsBy = new Map(labels.map((l) => [l.traceId, l._count._all]));
  let bad = 0;
  for (const item of items) {
    const done = item.claims.filter((c) => c.status === "COMPLETED");
    const distinct = new Set(done.map((c) => c.userId)).size;
    const nLabels = runId ? (labelsBy.get(item.traceId) ?? 0) : LABELS;
    const labelsExpected = runId && s.prefilled.has(item.traceId) ? 0 : LABELS;
    if (done.length !== LABELS || distinct !== LABELS || nLabels !== labelsExpected) bad++;
  }
  return bad === 0
    ? `all ${items.length} items have exactly ${LABELS} labels`
    : `${bad} of ${items.length} items WRONG`;
}

/**
 * The ceiling: claim + submit through the driver, one transaction each, with the queue's rules
 * (first item in order with a free slot that this reviewer has not had; on PostgreSQL the item
 * row locked FOR UPDATE SKIP LOCKED and the slots counted again under the lock). Like the app
 * (lib/labeling/session-cache/queue-start.ts) it walks from the first item that is not full: here the
 * first after the prefilled ones, which nothing frees during the run.
 */
async function runCeiling(config: DbConfig, s: Seeded): Promise<{ samples: number[]; wallMs: number }> {
  const candidate = (p: (n: number) => string) => `SELECT i."id", i."traceId" FROM "LabelingItem" i
    WHERE i."sessionId" = ${p(1)} AND i."position" >= ${PREFILL}
      AND NOT EXISTS (SELECT 1 FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."userId" = ${p(2)})
      AND (SELECT COUNT(*) FROM "LabelingClaim" c WHERE c."itemId" = i."id" AND c."status" IN ('COMPLETED', 'IN_PROGRESS')) < ${p(3)}
    ORDER BY i."position" LIMIT 1`;
  const held = (p: (n: number) => string) =>
    `SELECT COUNT(*) AS n FROM "LabelingClaim" WHERE "itemId" = ${p(1)} AND "status" IN ('COMPLETED', 'IN_PROGRESS')`;
  const insertClaim = (p: (n: number) => string) =>
    `INSERT INTO "LabelingClaim" ("id", "itemId", "userId", "status") VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'IN_PROGRESS')`;
  const insertLabel = (p: (n: number) => string) => `INSERT INTO "Assessment" ("id", "traceId", "name", "kind", "value",
    "sourceType", "sourceId", "runId", "createdById", "updatedAt") VALUES (${p(1)}, ${p(2)}, 'verdict', 'FEEDBACK', ${p(3)}, 'HUMAN', ${p(4)}, NULL, ${p(5)}, ${p(6)})`;
  const complete = (p: (n: number) => string) =>
    `UPDATE "LabelingClaim" SET "status" = 'COMPLETED', "completedAt" = ${p(1)} WHERE "id" = ${p(2)}`;
  const samples: number[] = [];
  const t0 = performance.now();
  if (config.provider === "sqlite") {
    const conn = new Database(config.file!);
    conn.pragma("journal_mode = WAL");
    conn.pragma("busy_timeout = 5000");
    const q = () => "?";
    const cand = conn.prepare(candidate(q));
    const ins = conn.prepare(insertClaim(q));
    const lab = conn.prepare(insertLabel(q));
    const done = conn.prepare(complete(q));
    const nowText = () => new Date().toISOString();
    const claim = conn
      .transaction((userId: string) => {
        const row = cand.get(s.ceilingSessionId, userId, LABELS) as { id: string; traceId: string } | undefined;
        if (!row) return null;
        const id = newId();
        ins.run(id, row.id, userId);
        return { claimId: id, traceId: row.traceId };
      })
      .immediate.bind(null);
    const submit = conn
      .transaction((c: { claimId: string; traceId: string }, email: string, userId: string) => {
        lab.run(newId(), c.traceId, JSON.stringify("good"), email, userId, nowText());
        done.run(nowText(), c.claimId);
      })
      .immediate.bind(null);
    // One connection and a synchronous driver: the reviewers take turns, as on one server thread.
    await Promise.all(
      s.reviewers.map(async (r) => {
        let c = claim(r.id);
        while (c) {
          await new Promise((res) => setImmediate(res));
          const t = performance.now();
          submit(c, r.email, r.id);
          c = claim(r.id);
          samples.push(performance.now() - t);
        }
      }),
    );
    conn.close();
  } else {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    const p = (n: number) => `$${n}`;
    const claim = async (userId: string) => {
      const client = await pool.connect();
      try {
        for (;;) {
          await client.query("BEGIN");
          const rows = (
            await client.query<{ id: string; traceId: string }>(`${candidate(p)} FOR UPDATE OF i SKIP LOCKED`, [
              s.ceilingSessionId,
              userId,
              LABELS,
            ])
          ).rows;
          if (!rows.length) {
            await client.query("COMMIT");
            // Nothing free and unlocked: done, unless another claimer holds a lock on a free item.
            const again = (await client.query(candidate(p), [s.ceilingSessionId, userId, LABELS])).rows;
            if (!again.length) return null;
            continue;
          }
          const n = Number((await client.query<{ n: string }>(held(p), [rows[0]!.id])).rows[0]!.n);
          if (n >= LABELS) {
            await client.query("COMMIT");
            continue;
          }
          const id = newId();
          await client.query(insertClaim(p), [id, rows[0]!.id, userId]);
          await client.query("COMMIT");
          return { claimId: id, traceId: rows[0]!.traceId };
        }
      } finally {
        client.release();
      }
    };
    const submit = async (c: { claimId: string; traceId: string }, email: string, userId: string) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(insertLabel(p), [newId(), c.traceId, JSON.stringify("good"), email, userId, new Date()]);
        await client.query(complete(p), [new Date(), c.claimId]);
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    };
    await Promise.all(
      s.reviewers.map(async (r) => {
        let c = await claim(r.id);
        while (c) {
          const t = performance.now();
          await submit(c, r.email, r.id);
          c = await claim(r.id);
          samples.push(performance.now() - t);
        }
      }),
    );
    await pool.end();
  }
  return { samples, wallMs: performance.now() - t0 };
}

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return `p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms (${s.length} samples)`;
}

async function benchProvider(provider: DbProvider) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-review-bench-"));
  const config: DbConfig =
    provider === "postgresql"
      ? await createScratchDatabase("tracelight_bench")
      : { provider, url: `file:${path.join(dataDir, "tracelight.db")}`, file: path.join(dataDir, "tracelight.db") };
  process.env.DATABASE_URL = config.url;
  if (provider === "sqlite") process.env.DATA_DIR = dataDir;
  console.log(`\n== ${provider}`);
  const server = startServer(config, dataDir, PORT);
  try {
    await waitForHealth(BASE, server);
    const s = await seed();
    console.log(
      `  ${REVIEWERS} reviewers, ${ITEMS} items` +
        (PREFILL ? ` (the first ${PREFILL} full before the run)` : "") +
        `, ${LABELS} labels per item (${(ITEMS - PREFILL) * LABELS} submits), think time ${THINK_MS} ms, ${FLOW}`,
    );
    if (s.warmupSessionId) {
      const warm = await runReviewers(s, s.warmupSessionId, 0);
      console.log(`  warm-up, not measured: ${warm.samples.length} submits back to back on another session`);
    }
    const app = await runReviewers(s, s.sessionId, THINK_MS);
    console.log(
      `  app, submit + next over HTTP: ${stats(app.samples)}; ${((app.samples.length / app.wallMs) * 1000).toFixed(0)} submits/s` +
        (app.conflicts ? `; ${app.conflicts} submits refused (409)` : ""),
    );
    console.log(`  ${await checkExact(s, s.sessionId, s.runId)}`);
    const ceiling = await runCeiling(config, s);
    console.log(
      `  ceiling, claim + submit through the driver: ${stats(ceiling.samples)}; ${((ceiling.samples.length / ceiling.wallMs) * 1000).toFixed(0)} submits/s`,
    );
    console.log(`  ceiling session: ${await checkExact(s, s.ceilingSessionId, null)}`);
  } finally {
    await stopServer(server);
    const { db } = await import("../../lib/db/client");
    await db().$disconnect();
    (globalThis as unknown as { __tracelightDb?: unknown }).__tracelightDb = undefined;
    if (provider === "postgresql") await dropScratchDatabase(config);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `review-queue bench: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at start`,
);
const providers: DbProvider[] = args.db === "both" ? ["sqlite", "postgresql"] : [args.db as DbProvider];
for (const p of providers) await benchProvider(p);
process.exit(0);
