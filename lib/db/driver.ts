import "server-only";
import type BetterSqlite3 from "better-sqlite3";
import type { PoolClient, QueryResult } from "pg";
import { db, pgDriverPool, sqliteDriverConnection } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";

/**
 * Hot paths straight through the database driver (the review queue's claim, Submit and item
 * reads in lib/labeling/review, the trace view's span tree in lib/traces/tree-rows.ts): Prisma's
 * runtime costs about a millisecond of CPU per query and its interactive transactions hold
 * SQLite's one connection across awaits. (The span writer, lib/ingestion/store, has its own
 * batching runner over the same connections.)
 *
 * A unit of work is written once, for both databases, as a generator that yields statements
 * and receives their rows: on SQLite it runs synchronously inside one IMMEDIATE transaction
 * (nothing can interleave with it), on PostgreSQL statement by statement on one pooled client
 * between BEGIN and COMMIT. Throwing from it rolls back.
 */

/** How a statement spells the n-th parameter (1-based) and a timestamp parameter. */
export interface Dialect {
  postgres: boolean;
  p(n: number): string;
  /** A DateTime parameter, passed as `stamp(date)` (lib/labeling/review/claims.ts). */
  ts(n: number): string;
}

/** A statement: `name` (stable per text) lets PostgreSQL prepare it once per connection. */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
  /**
   * The unit's last statement: on PostgreSQL COMMIT travels with it (one round trip less), so the
   * unit must issue nothing after it and not throw once it answered.
   */
  last?: boolean;
}

export type Row = Record<string, unknown>;
export type Work<T> = (d: Dialect) => Generator<Statement, T, Row[]>;

/** A DateTime parameter as Prisma stores it: ISO text with +00:00 on SQLite; PostgreSQL's timestamp(3) ignores the offset. */
export const stamp = (d: Date) => d.toISOString().replace("Z", "+00:00");

const SQLITE: Dialect = { postgres: false, p: () => "?", ts: () => "?" };
const POSTGRES: Dialect = { postgres: true, p: (n) => `$${n}`, ts: (n) => `$${n}::timestamp(3)` };

/**
 * A statement's text with its values as SQL literals (pg's escapeLiteral quotes text safely), for
 * a simple query, which takes no parameters. Numbers and booleans stay unquoted.
 */
function inlined(client: PoolClient, s: Statement): string {
  return s.text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = s.values[Number(n) - 1];
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    // Text only from here: a Date, an array or a Buffer would not survive String() as the value meant.
    if (typeof v === "object") throw new Error(`statement '${s.name}': value $${n} cannot be written as a literal`);
    return client.escapeLiteral(String(v));
  });
}

/** Runs `work` in one transaction (none when it issues no statement). */
export async function inDriverTransaction<T>(work: Work<T>): Promise<T> {
  const config = readDbConfig();
  if (config.provider === "postgresql") {
    const steps = work(POSTGRES);
    let step = steps.next([]);
    if (step.done) return step.value;
    const client = await pgDriverPool(config.url).connect();
    try {
      try {
        // BEGIN travels with the first statement and COMMIT with the last one marked `last` (a
        // round trip less each): a simple query of several statements, the values written into
        // the text as literals (inlined above).
        let committed = step.value.last === true;
        const [, first] = (await client.query(
          `BEGIN; ${inlined(client, step.value)}${committed ? "; COMMIT" : ""}`,
        )) as unknown as QueryResult[];
        step = steps.next(first!.rows as Row[]);
        while (!step.done) {
          if (committed) throw new Error(`statement '${step.value.name}' issued after the last one`);
          if (step.value.last) {
            committed = true;
            const [rows] = (await client.query(`${inlined(client, step.value)}; COMMIT`)) as unknown as QueryResult[];
            step = steps.next(rows!.rows as Row[]);
          } else step = steps.next((await client.query(step.value)).rows as Row[]);
        }
        if (!committed) await client.query("COMMIT");
        return step.value;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }
  const conn = await sqliteConnectionOutsideTransactions();
  const run = conn.transaction((): T => {
    const steps = work(SQLITE);
    let step = steps.next([]);
    while (!step.done) {
      const statement = preparedOn(conn, step.value.text);
      const rows = statement.reader
        ? (statement.all(...step.value.values) as Row[])
        : (statement.run(...step.value.values), []);
      step = steps.next(rows);
    }
    return step.value;
  });
  return run.immediate();
}

/**
 * Independent reads outside a transaction: on SQLite one after the other (synchronous, a few
 * microseconds each); on PostgreSQL one round trip: a single read as a prepared statement, several
 * as one simple query on one pooled connection (their values inlined). Each round trip costs the
 * server a socket write, a wake-up of a database backend and its answer's parse, more than
 * planning a short read again: the review queue's Next reads five things, and on two cores
 * five round trips at once on five connections were slower than one.
 */
export async function driverReads(build: (d: Dialect) => Statement[]): Promise<Row[][]> {
  const config = readDbConfig();
  if (config.provider === "postgresql") {
    const pool = pgDriverPool(config.url);
    const statements = build(POSTGRES);
    if (statements.length === 0) return [];
    if (statements.length === 1) return [(await pool.query(statements[0]!)).rows as Row[]];
    const client = await pool.connect();
    try {
      const results = (await client.query(
        statements.map((s) => inlined(client, s)).join(";\n"),
      )) as unknown as QueryResult[];
      return results.map((r) => r.rows as Row[]);
    } finally {
      client.release();
    }
  }
  const conn = await sqliteConnectionOutsideTransactions();
  return build(SQLITE).map((s) => preparedOn(conn, s.text).all(...s.values) as Row[]);
}

/**
 * The better-sqlite3 connection behind Prisma, once no transaction is open on it. Prisma's
 * interactive transactions share this connection: waiting until none is open means statements
 * run synchronously from here never land inside someone else's transaction (and nothing can
 * interleave with them: the driver is synchronous).
 */
export async function sqliteConnectionOutsideTransactions(): Promise<BetterSqlite3.Database> {
  const conn = await sqliteDriverConnection(db());
  if (!conn) throw new Error("the SQLite connection of the Prisma adapter is not reachable");
  for (let waited = 0; conn.inTransaction; waited++) {
    if (waited > 5000) throw new Error("the SQLite connection stayed inside a transaction");
    await new Promise((r) => setTimeout(r, 1));
  }
  return conn;
}

const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** Prepared once per connection and reused. */
export function preparedOn(conn: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let byText = statements.get(conn);
  if (!byText) statements.set(conn, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = conn.prepare(sql)));
  return statement;
}
