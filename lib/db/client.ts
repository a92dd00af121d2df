import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { readDbConfig, type DbConfig } from "./config";

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
  // WAL lets readers (the web UI) proceed while ingestion writes; busy_timeout waits out a
  // concurrent writer instead of failing with SQLITE_BUSY.
  const adapter = new SqliteAdapterFactory({ url: config.url, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

/**
 * SQLite as built into better-sqlite3 accepts 32,766 bound parameters (SQLite's default since
 * 3.32), but the adapter does not say so, and Prisma then assumes the old limit of 999 and
 * refuses a query with a longer `in` list (P2029). The trace search sends up to a few thousand
 * trace ids (lib/traces/search/term-matches.ts), so the connection reports the real limit.
 */
class SqliteAdapterFactory extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    return Object.assign(adapter, {
      getConnectionInfo: () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false }),
    });
  }
}
export const SQLITE_MAX_BIND_VALUES = 32_766;

const globalForDb = globalThis as unknown as { __tracelightDb?: Db };

/** The process-wide client (one pool; survives Next.js hot reloads in development). */
export function db(): Db {
  globalForDb.__tracelightDb ??= createDb();
  return globalForDb.__tracelightDb;
}

export function dbProvider(): DbConfig["provider"] {
  return readDbConfig().provider;
}
