import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ConfigError, redactUrl, type DbConfig } from "../db/config";

/** Fails with one readable line when the database cannot be reached, before anything else runs. */
export async function checkDatabaseReachable(config: DbConfig): Promise<void> {
  if (config.provider === "sqlite") {
    const dir = path.dirname(config.file!);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw new ConfigError(
        `Cannot write the SQLite database folder ${dir}: check DATA_DIR or DATABASE_URL and the folder's permissions`,
      );
    }
    return;
  }
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (e) {
    const reason = (e as Error).message || String(e);
    throw new ConfigError(
      `Cannot reach the PostgreSQL database at ${redactUrl(config.url)}: ${reason}. Is it running, and is DATABASE_URL right?`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
