/**
 * Prisma's better-sqlite3 adapter as Tracelight opens it (the server's client and the e2e
 * seeder alike; no "server-only" so test processes can import it).
 *
 * Every transaction begins IMMEDIATE. The adapter begins Prisma's interactive transactions
 * DEFERRED: such a transaction reads first and only asks for the write lock at its first write,
 * and in WAL mode that upgrade fails at once with SQLITE_BUSY_SNAPSHOT (no busy wait) when any
 * other connection — another process on the same file, a script, a test's seeder — committed
 * in between. Begun IMMEDIATE it takes the write lock up front, waiting out the other writer
 * for the busy timeout like a single statement does. Within the server nothing changes: the
 * adapter already runs one transaction at a time on its one connection.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";

/**
 * SQLite as built into better-sqlite3 accepts 32,766 bound parameters (SQLite's default since
 * 3.32), but the adapter does not say so (no getConnectionInfo), and Prisma then assumes the old
 * limit of 999 and refuses a query with a longer `in` list (P2029). The trace search sends up
 * to a few thousand trace ids (lib/traces/search/term-matches.ts), so the connection reports
 * the real limit (and Prisma's default for the rest: no relation joins on SQLite).
 */
export const SQLITE_MAX_BIND_VALUES = 32_766;

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export interface SqliteAdapter extends SqlMigrationAwareDriverAdapterFactory {
  /** The better-sqlite3 connection once Prisma has connected (the ingestion writer shares it). */
  connection(): BetterSqlite3.Database | undefined;
}

export function sqliteAdapter(url: string): SqliteAdapter {
  const factory = new PrismaBetterSqlite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  let conn: BetterSqlite3.Database | undefined;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connection: () => conn,
    connect: async () => {
      const connected = await factory.connect();
      // The adapter keeps its connection in `client` and begins with prepare("BEGIN").
      conn = (connected as unknown as { client?: BetterSqlite3.Database }).client;
      if (conn) beginImmediate(conn);
      return Object.assign(connected, {
        getConnectionInfo: () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false }),
      });
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

/** The connection's plain BEGIN (only the adapter's startTransaction prepares it) becomes BEGIN IMMEDIATE. */
function beginImmediate(conn: BetterSqlite3.Database) {
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((source: string) =>
    prepare(source.trim().toUpperCase() === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof conn.prepare;
}
