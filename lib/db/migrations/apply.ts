/**
 * Applies the committed migrations of the configured provider, as `prisma migrate deploy` does
 * (same `_prisma_migrations` bookkeeping), but through the WASM schema engine so it works offline.
 */
import type { DbConfig } from "../config";
import { openSchemaEngine } from "./schema-engine";
import { noFilters, readMigrationList, schemaPath } from "./layout";

export async function applyMigrations(config: DbConfig): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(config, schemaPath(config.provider));
  try {
    const out = await engine.applyMigrations({
      migrationsList: readMigrationList(config.provider),
      filters: noFilters,
    } as never);
    return (out as { appliedMigrationNames: string[] }).appliedMigrationNames;
  } finally {
    await close();
  }
}
