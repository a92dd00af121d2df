/**
 * The SQL and the query plans of one trace search on a database kept by `run.ts --keep`: what to
 * read before and after changing a query or an index (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's
 * EXPLAIN ANALYZE). Every statement the search sends is printed with its plan and its time.
 *
 *   npx tsx --conditions=react-server bench/traces-table/explain.ts --reuse <url> [--filter "trace.cost > 0.00003"] [--order "cost DESC"]
 */
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { SYSTEM_ACTOR } from "../../lib/auth/actor";
import { createDb, sqliteDriverConnection, type Db } from "../../lib/db/client";
import { PrismaClient as PostgresClient } from "../../lib/db/generated/postgresql/client";
import { searchTraces } from "../../lib/traces/search/service";

const { values: args } = parseArgs({
  options: {
    reuse: { type: "string" },
    filter: { type: "string" },
    order: { type: "string", multiple: true },
    token: { type: "string" },
  },
});
if (!args.reuse) throw new Error("--reuse <url> is required (a database kept by run.ts --keep)");
const url = args.reuse;
const provider = url.startsWith("file:") ? "sqlite" : "postgresql";
process.env.DATABASE_URL = url;

type Statement = { sql: string; params: unknown[] };
const statements: Statement[] = [];
let db: Db;
if (provider === "sqlite") {
  db = createDb({ provider, url, file: url.slice(5) });
  const conn = (await sqliteDriverConnection(db))!;
  // Every statement passes through the driver's prepare and bind (the adapter binds, then runs):
  // record it with its parameters. The plans below are read on a fresh connection.
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    const bind = stmt.bind.bind(stmt);
    stmt.bind = ((...params: unknown[]) => {
      statements.push({ sql, params: params.flat() });
      return bind(...params);
    }) as typeof stmt.bind;
    return stmt;
  }) as typeof conn.prepare;
} else {
  const client = new PostgresClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (e) => statements.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
  db = client as unknown as Db;
}
(globalThis as unknown as { __tracelightDb?: Db }).__tracelightDb = db;

const experiment = await db.experiment.findFirst({ where: { name: { startsWith: "bench-" } } });
if (!experiment) throw new Error("no seeded bench experiment in that database");
const request = {
  experimentIds: [experiment.id],
  filter: args.filter,
  orderBy: args.order,
  pageToken: args.token,
  maxResults: 50,
};
await searchTraces(SYSTEM_ACTOR, request); // warm-up
statements.length = 0;
const t = performance.now();
const result = await searchTraces(SYSTEM_ACTOR, request);
console.log(`${result.traces.length} traces in ${(performance.now() - t).toFixed(1)} ms`);
const seen = [...statements];
const planner = provider === "sqlite" ? new Database(url.slice(5), { readonly: true }) : null!;

for (const { sql, params } of seen) {
  // Shortened: no schema prefix, no column list, long IN lists cut.
  const short = sql
    .replace(/`main`\./g, "")
    .replace(/^SELECT .*? FROM/, "SELECT … FROM")
    .replace(/(\?,){8,}\?/g, "?,…,?");
  console.log(`\n-- ${short.slice(0, 2000)}${short.length > 2000 ? " …" : ""}`);
  const shown = JSON.stringify(params.slice(0, 6), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
  console.log(`   params: ${shown}${params.length > 6 ? ` (+${params.length - 6})` : ""}`);
  if (provider === "sqlite") {
    const plan = planner.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>();
    for (const row of plan) {
      const d = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, d);
      console.log(`   ${"  ".repeat(d)}${row.detail}`);
    }
    // Its time alone on the read-only connection: median of 5 runs after one warm-up.
    const stmt = planner.prepare(sql);
    const times = [0, 1, 2, 3, 4, 5].map(() => {
      const t0 = performance.now();
      stmt.all(...params);
      return performance.now() - t0;
    });
    console.log(
      `   median ${times
        .slice(1)
        .sort((a, b) => a - b)[2]!
        .toFixed(1)} ms`,
    );
  } else {
    const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, ...params);
    for (const row of rows) console.log(`   ${row["QUERY PLAN"]}`);
  }
}
await db.$disconnect();
