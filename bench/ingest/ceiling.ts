/**
 * The fair ceilings the app's ingestion is measured against, in the same run:
 *
 * - **schema ceiling**: the app's own migrated schema (every index, foreign key and trigger the
 *   migrations create, in the database the server just migrated) written straight through the
 *   driver the server uses — better-sqlite3 prepared statements on the SQLite file in WAL mode;
 *   `pg` multi-row INSERTs with named (prepared) statements on PostgreSQL — in transactions of
 *   500 spans, with exactly the rows the writer stores (trace, spans, its two server tags, the
 *   schema-version metadata). No Prisma, no HTTP, no decoding: what the schema itself allows.
 * - **physical limit** (SQLite only): the same span rows into a bare table of an in-memory
 *   database (no indexes, no constraints, no file), the most this driver can insert at all.
 *
 * The old ceiling went through Prisma's interactive transactions, itself ~15× below the driver,
 * which made the app look close to a limit it was far from.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { makeRows } from "./workload";

type TraceRows = ReturnType<typeof makeRows>[number];
type Row = Record<string, string | number | bigint | null>;

/** 500-span transactions: whole traces, as many as fit. */
export function batches(rows: TraceRows[], spansPerTx = 500): TraceRows[][] {
  const out: TraceRows[][] = [];
  let cur: TraceRows[] = [];
  let spans = 0;
  for (const r of rows) {
    if (cur.length && spans + r.spans.length > spansPerTx) {
      out.push(cur);
      cur = [];
      spans = 0;
    }
    cur.push(r);
    spans += r.spans.length;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The rows of one batch per table, in insert order, with the timestamps the writer sets. */
function tables(batch: TraceRows[]): [string, Row[]][] {
  const now = new Date().toISOString();
  return [
    ["Trace", batch.map((r) => ({ ...r.trace, createdAt: now, updatedAt: now }))],
    ["Span", batch.flatMap((r) => r.spans)],
    ["TraceTag", batch.flatMap((r) => r.tags)],
    ["TraceMetadata", batch.flatMap((r) => r.metadata)],
  ];
}

const spanCount = (rows: TraceRows[]) => rows.reduce((n, r) => n + r.spans.length, 0);

/** SQLite schema ceiling: prepared single-row INSERTs reused across rows, one transaction a batch. */
export function sqliteSchemaCeiling(file: string, rows: TraceRows[]): number {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 10000");
  sqlite.defaultSafeIntegers(true);
  const statements = new Map<string, Database.Statement>();
  const stmt = (table: string, row: Row) => {
    let s = statements.get(table);
    if (!s) {
      const cols = Object.keys(row);
      s = sqlite.prepare(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`,
      );
      statements.set(table, s);
    }
    return s;
  };
  const write = sqlite.transaction((batch: TraceRows[]) => {
    for (const [table, list] of tables(batch)) for (const row of list) stmt(table, row).run(row);
  });
  const started = performance.now();
  for (const b of batches(rows)) write(b);
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return spanCount(rows) / seconds;
}

/** SQLite physical limit: the span rows into a bare in-memory table. */
export function sqlitePhysicalLimit(rows: TraceRows[]): number {
  const sqlite = new Database(":memory:");
  sqlite.exec(
    "CREATE TABLE s (traceId TEXT, spanId TEXT, parentSpanId TEXT, name TEXT, spanType TEXT, startTimeNs INTEGER, endTimeNs INTEGER, statusCode TEXT, inputs TEXT, outputs TEXT, attributes TEXT, events TEXT)",
  );
  const ins = sqlite.prepare(
    "INSERT INTO s VALUES (@traceId, @spanId, @parentSpanId, @name, @spanType, @startTimeNs, @endTimeNs, @statusCode, @inputs, @outputs, @attributes, @events)",
  );
  const write = sqlite.transaction((batch: TraceRows[]) => {
    for (const r of batch) for (const s of r.spans) ins.run(s);
  });
  const started = performance.now();
  for (const b of batches(rows)) write(b);
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  return spanCount(rows) / seconds;
}

/** One named multi-row INSERT per table and row count (PostgreSQL prepares it once per connection). */
function pgInsert(table: string, list: Row[]): pg.QueryConfig {
  const cols = Object.keys(list[0]!);
  const values: unknown[] = [];
  const tuples = list.map((row) => {
    const ph = cols.map((c) => {
      const v = row[c];
      values.push(typeof v === "bigint" ? v.toString() : v);
      return `$${values.length}`;
    });
    return `(${ph.join(", ")})`;
  });
  return {
    name: `ceiling_${table}_${list.length}`,
    text: `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
    values,
  };
}

/**
 * PostgreSQL schema ceiling: 500-span transactions of multi-row prepared INSERTs, on `connections`
 * connections at once (the best of one and several is the ceiling: the server may use either).
 */
export async function postgresSchemaCeiling(url: string, rows: TraceRows[], connections: number): Promise<number> {
  const all = batches(rows);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        while (next < all.length) {
          const batch = all[next++]!;
          await client.query("BEGIN");
          for (const [table, list] of tables(batch)) await client.query(pgInsert(table, list));
          await client.query("COMMIT");
        }
      } finally {
        await client.end();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return spanCount(rows) / seconds;
}
