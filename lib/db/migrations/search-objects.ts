import type { DbProvider } from "../config";

/**
 * Database objects the trace search creates by hand in its migration
 * (20261206233000_trace_free_text_search) and Prisma cannot model: on SQLite the FTS5 table
 * "SpanSearchIndex" and the shadow tables FTS5 keeps beside it. Schema diffs (the drift test and
 * `npm run db:migration`) treat them as external tables, so a new migration never drops them.
 * Triggers, views, the pg_trgm extension and the expression index are invisible to the diff.
 */
const FTS_TABLE = "SpanSearchIndex";

export const searchExternalTables = [
  FTS_TABLE,
  ...["config", "content", "data", "docsize", "idx"].map((s) => `${FTS_TABLE}_${s}`),
];

/** Schema-engine filters for diffs: the tables above are managed outside Prisma (SQLite only). */
export function diffFilters(provider: DbProvider) {
  return { externalTables: provider === "sqlite" ? searchExternalTables : [], externalEnums: [] as string[] };
}
