/** Where each provider's schema and migrations live (Prisma's standard layout, one per provider). */
import fs from "node:fs";
import path from "node:path";
import type { DbProvider } from "../config";

const root = path.resolve(process.env.TRACELIGHT_ROOT ?? process.cwd());

export function schemaPath(provider: DbProvider): string {
  return path.join(root, "prisma", provider, "schema.prisma");
}

export function migrationsDir(provider: DbProvider): string {
  return path.join(root, "prisma", provider, "migrations");
}

/** The committed migrations' names (their folders), in the order they apply. */
export function migrationNames(provider: DbProvider): string[] {
  const baseDir = migrationsDir(provider);
  return fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

/** Reads the migrations directory into the shape the schema engine expects. */
export function readMigrationList(provider: DbProvider) {
  const baseDir = migrationsDir(provider);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = migrationNames(provider);
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(baseDir, dir, "migration.sql");
      return {
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? ({ tag: "ok", value: fs.readFileSync(file, "utf8") } as const)
            : ({ tag: "error", value: `missing ${file}` } as const),
        },
      };
    }),
  };
}

export const noFilters = { externalTables: [] as string[], externalEnums: [] as string[] };
