/** SQL that takes an empty database, or a migration history, to a schema (used by the migration tooling and the drift test). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DbConfig, DbProvider } from "../config";
import { openSchemaEngine } from "./schema-engine";
import { readMigrationList, schemaPath } from "./layout";
import { diffFilters } from "./search-objects";

/**
 * Returns the SQL script from `from` (the committed migrations, or an empty database) to the
 * provider's schema file. The engine needs live connections of the right provider even for a
 * pure diff (a main one, and a shadow one to replay migrations on): SQLite uses throwaway files,
 * PostgreSQL the given empty scratch databases.
 */
export async function diffToSchema(
  provider: DbProvider,
  from: "empty" | "migrations",
  connections?: { main: DbConfig; shadow: DbConfig },
): Promise<string> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-diff-"));
  const sqliteFile = (name: string): DbConfig => ({
    provider: "sqlite",
    url: `file:${path.join(tmp, name)}`,
    file: path.join(tmp, name),
  });
  const { main, shadow } = connections ?? { main: sqliteFile("main.db"), shadow: sqliteFile("shadow.db") };
  if (main.provider !== provider) throw new Error(`diffToSchema(${provider}) needs a ${provider} connection`);
  const file = schemaPath(provider);
  const { engine, close } = await openSchemaEngine(main, file, { shadow });
  try {
    const content = fs.readFileSync(file, "utf8");
    const result = await engine.diff({
      from: from === "empty" ? { tag: "empty" } : { tag: "migrations", ...readMigrationList(provider) },
      to: { tag: "schemaDatamodel", files: [{ path: file, content }] },
      script: true,
      shadowDatabaseUrl: null,
      exitCode: null,
      filters: diffFilters(provider),
    } as never);
    return (result as { stdout: string }).stdout;
  } finally {
    await close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
