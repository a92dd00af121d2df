/** Creates a throwaway PostgreSQL database for the duration of `fn` (tests and migration tooling). */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { DbConfig } from "../config";

export function pgAdminUrl(): string {
  return process.env.PG_ADMIN_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
}

export async function createScratchDatabase(prefix = "tracelight_scratch"): Promise<DbConfig> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return { provider: "postgresql", url: url.toString() };
}

export async function dropScratchDatabase(config: DbConfig): Promise<void> {
  const name = new URL(config.url).pathname.slice(1);
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs `fn` with two empty scratch databases (a main one and a shadow one), dropped afterwards. */
export async function withScratchPostgres<T>(
  fn: (dbs: { main: DbConfig; shadow: DbConfig }) => Promise<T>,
): Promise<T> {
  const main = await createScratchDatabase();
  const shadow = await createScratchDatabase();
  try {
    return await fn({ main, shadow });
  } finally {
    await dropScratchDatabase(main);
    await dropScratchDatabase(shadow);
  }
}
