/**
 * The PostgreSQL schema is derived from the SQLite one: only the datasource provider and the
 * generated client's output folder differ. `npm run db:schemas` writes it; a test fails on drift.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace("../../lib/db/generated/sqlite", "../../lib/db/generated/postgresql");
  return out.replace(
    /^\/\/ Tracelight data model\..*$/m,
    "// GENERATED from prisma/sqlite/schema.prisma by `npm run db:schemas`: edit that file instead.\n// Tracelight data model.",
  );
}
