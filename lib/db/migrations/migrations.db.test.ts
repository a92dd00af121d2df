import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { db, provider } from "@/test/db";
import { derivePostgresSchema } from "./schemas-sync";
import { schemaPath } from "./layout";
import { diffToSchema } from "./diff";
import { withScratchPostgres } from "./scratch-postgres";
import { pendingMigrations } from "./pending";
import { applyMigrations } from "./apply";
import { readDbConfig } from "../config";

describe("migrations", () => {
  it("were applied to this run's database by the same runner the app uses", async () => {
    const rows = await db().$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
    );
    expect(rows.map((r) => r.migration_name)).toContain("20261123000000_init");
  });

  it("are read as up to date without the schema engine, so the admin CLI runs beside a server", async () => {
    const config = readDbConfig();
    expect(await pendingMigrations(config)).toEqual([]);
    // Up to date: nothing applied, even while this run's own client holds the database open.
    expect(await applyMigrations(config)).toEqual([]);
  });

  it("bring an empty database exactly to the provider's schema (no drift)", async () => {
    const p = provider();
    const sql =
      p === "postgresql"
        ? await withScratchPostgres((dbs) => diffToSchema("postgresql", "migrations", dbs))
        : await diffToSchema("sqlite", "migrations");
    expect(sql.trim()).toMatch(/^-- This is an empty migration\.?$/);
  });
});

describe("provider schemas", () => {
  it("PostgreSQL's schema is exactly the one derived from SQLite's", () => {
    const sqlite = fs.readFileSync(schemaPath("sqlite"), "utf8");
    expect(fs.readFileSync(schemaPath("postgresql"), "utf8")).toBe(derivePostgresSchema(sqlite));
  });
});
