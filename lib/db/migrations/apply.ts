/**
 * Applies the committed migrations of the configured provider, as `prisma migrate deploy` does
 * (same `_prisma_migrations` bookkeeping), but through the WASM schema engine so it works offline.
 */
import { ConfigError, type DbConfig } from "../config";
import { openSchemaEngine } from "./schema-engine";
import { noFilters, readMigrationList, schemaPath } from "./layout";
import { pendingMigrations } from "./pending";

export async function applyMigrations(config: DbConfig): Promise<string[]> {
  // Up to date: nothing for the engine to do. On SQLite the engine takes the file exclusively
  // (`locking_mode=EXCLUSIVE`), which a running server's open connection refuses.
  if ((await pendingMigrations(config))?.length === 0) return [];
  const { engine, close } = await openSchemaEngine(config, schemaPath(config.provider));
  try {
    const out = await engine.applyMigrations({
      migrationsList: readMigrationList(config.provider),
      filters: noFilters,
    } as never);
    return (out as { appliedMigrationNames: string[] }).appliedMigrationNames;
  } catch (e) {
    if (config.provider === "sqlite" && /SocketTimeout|SQLITE_BUSY|database is locked/.test(String(e)))
      throw new ConfigError(
        `The database ${config.file} has migrations to apply and is in use (a running server?): stop the server, then run the command again`,
      );
    throw e;
  } finally {
    await close();
  }
}
