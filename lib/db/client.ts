import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { readDbConfig, type DbConfig } from "./config";
import { sqliteAdapter, type SqliteAdapter } from "./sqlite-adapter";

/**
 * Both generated clients come from schemas that differ only in `provider` (a test enforces
 * it), so their model APIs are the same; the SQLite client's type stands for both.
 */
export type Db = SqliteClient;
export { Prisma } from "./generated/sqlite/client";

export function createDb(config: DbConfig = readDbConfig()): Db {
  if (config.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: config.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  fs.mkdirSync(path.dirname(config.file!), { recursive: true });
  // WAL (set at start, lib/bootstrap/prepare.ts) lets readers proceed while ingestion writes; the
  // busy timeout waits out another process's writer, and every transaction begins IMMEDIATE
  // (lib/db/sqlite-adapter.ts). The ingestion writer (lib/ingestion/store) writes through this same
  // connection: on one connection its synchronous transaction simply never starts while Prisma's
  // is open (`inTransaction`), where a second connection would contend for the write lock.
  const adapter = sqliteAdapter(config.url);
  const client = new SqliteClient({ adapter });
  sqliteConnections.set(client, adapter);
  return client;
}

/**
 * On globalThis, not in this module: Next.js bundles instrumentation (the job worker) and the
 * route handlers separately, so this module can exist twice in one process while the client
 * (globalThis.__tracelightDb) is one. A module-level map would not know the other copy's client.
 */
const sqliteConnections = ((
  globalThis as unknown as { __tracelightSqliteConnections?: WeakMap<object, SqliteAdapter> }
).__tracelightSqliteConnections ??= new WeakMap());

/**
 * The better-sqlite3 connection behind a SQLite client (opened on first use), for the
 * ingestion writer; null for PostgreSQL or if the adapter stops exposing it.
 */
export async function sqliteDriverConnection(client: Db = db()): Promise<BetterSqlite3.Database | null> {
  const adapter = sqliteConnections.get(client);
  if (!adapter) return null;
  if (!adapter.connection()) await client.$connect();
  return adapter.connection() ?? null;
}

const globalForDb = globalThis as unknown as { __tracelightDb?: Db };

/** The process-wide client (one pool; survives Next.js hot reloads in development). */
export function db(): Db {
  globalForDb.__tracelightDb ??= createDb();
  return globalForDb.__tracelightDb;
}

export function dbProvider(): DbConfig["provider"] {
  return readDbConfig().provider;
}

const globalForPool = globalThis as unknown as { __tracelightPgPool?: { url: string; pool: pg.Pool } };

/**
 * A small `pg` pool beside Prisma's, for the hot paths that talk to PostgreSQL's driver directly
 * (the ingestion writer, the trace view's span tree): no per-row work in Prisma's runtime.
 */
export function pgDriverPool(url: string): pg.Pool {
  if (globalForPool.__tracelightPgPool?.url !== url) {
    // allowExitOnIdle: a script or test that is done may exit with the pool still open.
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.DATABASE_DRIVER_POOL_SIZE ?? 8),
      allowExitOnIdle: true,
    });
    // An idle connection the server closed (a restart, an administrator) is dropped from the
    // pool and replaced on next use; without a listener the error would end the process.
    pool.on("error", () => {});
    globalForPool.__tracelightPgPool = { url, pool };
  }
  return globalForPool.__tracelightPgPool.pool;
}
