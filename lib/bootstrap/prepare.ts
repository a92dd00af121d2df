/**
 * Everything that must hold before the server takes requests: reachable database, migrations
 * applied, first admin, default experiment, demo data on a fresh install. Run by `npm start`
 * and by the end-to-end tests' server.
 */
import Database from "better-sqlite3";
import { createDb } from "../db/client";
import type { DbConfig } from "../db/config";
import { applyMigrations } from "../db/migrations/apply";
import { loadDemoData } from "../seed/demo";
import { ensureDefaultModelPrices } from "../costs/service";
import { checkDatabaseReachable } from "./check-database";
import { ensureFirstAdmin } from "./first-admin";
import { restrictDataPermissions } from "./permissions";

export interface PrepareResult {
  appliedMigrations: string[];
  admin: { email: string; password?: string } | null;
  demoExperimentId: string | null;
}

export async function prepareDatabase(config: DbConfig, opts: { demoData: boolean }): Promise<PrepareResult> {
  await checkDatabaseReachable(config);
  const appliedMigrations = await applyMigrations(config);
  restrictDataPermissions(config);
  if (config.file) enableWriteAheadLog(config.file);
  const db = createDb(config);
  try {
    const admin = await ensureFirstAdmin(db);
    await db.experiment.upsert({
      where: { id: "0" },
      update: {},
      create: { id: "0", name: "Default", artifactLocation: "mlflow-artifacts:/0" },
    });
    // Before the demo data, so its traces are costed as they are written.
    await ensureDefaultModelPrices(db);
    // Demo data only on a fresh install, so deleting it later is respected.
    const demoExperimentId = admin && opts.demoData ? await loadDemoData(db) : null;
    return { appliedMigrations, admin, demoExperimentId };
  } finally {
    await db.$disconnect();
  }
}

/**
 * The server's SQLite file in WAL mode (a property of the file, kept from then on): readers
 * (the web UI) proceed while ingestion commits, and a commit appends to the log instead of
 * rewriting pages twice. Safe with one server process: its Prisma client and the ingestion
 * writer share one connection (lib/db/client.ts).
 */
function enableWriteAheadLog(file: string): void {
  const conn = new Database(file);
  try {
    conn.pragma("journal_mode = WAL");
  } finally {
    conn.close();
  }
}
