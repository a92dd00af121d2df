// npm run db:migration -- <name>
// Creates prisma/<provider>/migrations/<timestamp>_<name>/migration.sql for both providers, from
// the committed migrations to the current schema, with the offline WASM schema engine.
// PostgreSQL needs a reachable server: PG_ADMIN_URL (default postgresql://root@127.0.0.1:5432/postgres).
import fs from "node:fs";
import path from "node:path";
import { diffToSchema } from "../../lib/db/migrations/diff";
import { migrationsDir } from "../../lib/db/migrations/layout";
import { withScratchPostgres } from "../../lib/db/migrations/scratch-postgres";

const name = (process.argv[2] ?? "").replace(/[^a-zA-Z0-9_]/g, "_");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const sqlite = await diffToSchema("sqlite", "migrations");
const postgres = await withScratchPostgres((dbs) => diffToSchema("postgresql", "migrations", dbs));
for (const [provider, sql] of [
  ["sqlite", sqlite],
  ["postgresql", postgres],
] as const) {
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(`${provider}: schema already matches the migrations, nothing written`);
    continue;
  }
  const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`${provider}: wrote ${dir}/migration.sql`);
}
