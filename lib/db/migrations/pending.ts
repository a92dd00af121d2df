/**
 * Which committed migrations the database has not applied yet, read straight from Prisma's
 * `_prisma_migrations` table. `applyMigrations` asks this first so that a database already up to
 * date never opens the schema engine: on SQLite the engine's bookkeeping transaction reads, then
 * writes, and a running server's writes in between make it fail with SQLITE_BUSY (so `npm run
 * admin` failed while the server ran).
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import type { DbConfig } from "../config";
import { migrationNames } from "./layout";

interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

const QUERY = "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations";

async function readRows(config: DbConfig): Promise<MigrationRow[] | null> {
  if (config.provider === "sqlite") {
    if (!config.file || !fs.existsSync(config.file)) return null;
    const conn = new Database(config.file, { readonly: true, timeout: 10_000 });
    try {
      const table = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
        .get();
      return table ? (conn.prepare(QUERY).all() as MigrationRow[]) : null;
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    return table.rows[0]?.present ? (await client.query<MigrationRow>(QUERY)).rows : null;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The committed migrations not yet applied, or null when that cannot be told without the engine
 * (no bookkeeping table yet, or a migration left failed or unfinished, which the engine reports).
 */
export async function pendingMigrations(config: DbConfig): Promise<string[] | null> {
  const rows = await readRows(config);
  if (!rows) return null;
  if (rows.some((r) => r.finished_at == null && r.rolled_back_at == null)) return null;
  const applied = new Set(
    rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => r.migration_name),
  );
  return migrationNames(config.provider).filter((name) => !applied.has(name));
}
