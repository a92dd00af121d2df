/**
 * Vitest global setup for the database projects: one fresh database per run and provider (a
 * new SQLite file, or a new PostgreSQL database on 127.0.0.1:5432), migrated with the same
 * runner the app uses, and removed afterwards. Tests create their own experiments and users in
 * it, so nothing needs resetting between them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import type { DbConfig } from "../../lib/db/config";
import { applyMigrations } from "../../lib/db/migrations/apply";
import { createScratchDatabase, dropScratchDatabase } from "../../lib/db/migrations/scratch-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The scale project (several app servers on one database) is PostgreSQL's by design.
  const provider = project.name === "postgresql" || project.name === "scale" ? "postgresql" : "sqlite";
  let config: DbConfig;
  let tmp: string | undefined;
  if (provider === "postgresql") {
    config = await createScratchDatabase("tracelight_test");
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-test-"));
    const file = path.join(tmp, "test.db");
    config = { provider, url: `file:${file}`, file };
  }
  await applyMigrations(config);
  // Write-ahead logging, as the app turns it on at start (lib/bootstrap/prepare.ts).
  if (config.file) {
    const conn = new Database(config.file);
    conn.pragma("journal_mode = WAL");
    conn.close();
  }
  project.provide("databaseUrl", config.url);
  return async () => {
    if (provider === "postgresql") await dropScratchDatabase(config);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
