/**
 * Bulk seeding for the traces-table bench: the rows are generated inside the database by one
 * INSERT ... SELECT per table and batch (a recursive series of trace numbers), so seeding
 * 100,000 traces / 1,000,000 spans takes a few minutes instead of an hour through Prisma's
 * createMany on a busy machine. The rows are what the app's writer stores for such traces, and
 * every index and trigger of the migrated schema (FTS5 on SQLite, pg_trgm on PostgreSQL) is
 * maintained as they go in, exactly as for ingested data.
 *
 * Trace i (0-based): starts at base + i s, 200 + i % 997 ms long, ERROR when i % 10 = 0, tags
 * env = staging when i % 3 = 0 (else prod), user user-(i % 500), conversation session-(i / 3),
 * gpt-4o-mini usage of (100 + i % 50) input and 20 output tokens, a user_feedback assessment on
 * every 4th trace (false on every 8th), and SPANS spans; 1% of the traces (i % 100 = 0) mention
 * "GPU memory" in their spans' inputs.
 */
import type { Db } from "../../lib/db/client";
import type { DbProvider } from "../../lib/db/config";

export interface SeedShape {
  provider: DbProvider;
  experimentId: string;
  /** 16 hex digits that make this run's ids unique. */
  salt: string;
  base: number;
  spans: number;
  spanTypes: string[];
}

function dialect(provider: DbProvider) {
  return provider === "postgresql"
    ? { hex16: (e: string) => `lpad(to_hex(${e}), 16, '0')`, now: "now()" }
    : { hex16: (e: string) => `printf('%016x', ${e})`, now: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` };
}

/** Inserts traces [from, to) and everything that hangs off them, in one transaction. */
export async function seedTraceRange(db: Db, shape: SeedShape, from: number, to: number): Promise<void> {
  const { hex16, now } = dialect(shape.provider);
  const series = `WITH RECURSIVE g(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM g WHERE i < ${to - 1}),
    k(s) AS (SELECT 0 UNION ALL SELECT s + 1 FROM k WHERE s < ${shape.spans - 1})`;
  const traceId = `'tr-${shape.salt}' || ${hex16("i")}`;
  const ts = `(CAST(${shape.base} AS BIGINT) + CAST(i AS BIGINT) * 1000)`;
  const exp = `'${shape.experimentId}'`;
  const types = shape.spanTypes.map((t, n) => `WHEN ${n} THEN '${t}'`).join(" ");
  const statements = [
    `${series} INSERT INTO "Trace" ("id", "experimentId", "timestampMs", "executionTimeMs", "state", "requestPreview",
       "responsePreview", "name", "inputTokens", "outputTokens", "totalTokens", "spanCount", "sessionId", "costUsd", "updatedAt")
     SELECT ${traceId}, ${exp}, ${ts}, 200 + i % 997, CASE WHEN i % 10 = 0 THEN 'ERROR' ELSE 'OK' END,
       '{"messages":[{"role":"user","content":"question ' || i || '"}]}', '{"answer":"answer ' || i || '"}',
       'rag_pipeline', 100 + i % 50, 20, 120 + i % 50, ${shape.spans}, 'session-' || (i / 3),
       ((100 + i % 50) * 0.15 + 20 * 0.6) / 1000000.0, ${now} FROM g`,
    `${series} INSERT INTO "Span" ("traceId", "spanId", "parentSpanId", "name", "spanType", "startTimeNs", "endTimeNs",
       "statusCode", "inputs", "outputs", "attributes")
     SELECT ${traceId}, ${hex16(`i * 64 + s`)}, CASE WHEN s = 0 THEN NULL ELSE ${hex16("i * 64")} END,
       CASE WHEN s = 0 THEN 'rag_pipeline' ELSE 'step_' || s END, CASE s % ${shape.spanTypes.length} ${types} END,
       ${ts} * 1000000 + s * 1000000, ${ts} * 1000000 + (s + 10) * 1000000, 'OK',
       '{"q":"question ' || i || CASE WHEN i % 100 = 0 THEN ' about GPU memory' ELSE '' END || '"}',
       '{"a":"answer ' || i || ' step ' || s || '"}', '{}' FROM g, k`,
    `${series} INSERT INTO "TraceTag" ("traceId", "key", "value")
     SELECT ${traceId}, 'mlflow.traceName', 'rag_pipeline' FROM g
     UNION ALL SELECT ${traceId}, 'env', CASE WHEN i % 3 = 0 THEN 'staging' ELSE 'prod' END FROM g`,
    `${series} INSERT INTO "TraceMetadata" ("traceId", "key", "value")
     SELECT ${traceId}, 'mlflow.trace.user', 'user-' || (i % 500) FROM g
     UNION ALL SELECT ${traceId}, 'mlflow.trace.session', 'session-' || (i / 3) FROM g`,
    `${series} INSERT INTO "TraceModelUsage" ("traceId", "model", "inputTokens", "outputTokens")
     SELECT ${traceId}, 'gpt-4o-mini', 100 + i % 50, 20 FROM g`,
    `${series} INSERT INTO "Assessment" ("id", "traceId", "name", "kind", "value", "sourceType", "sourceId", "updatedAt")
     SELECT 'a-${shape.salt}' || ${hex16("i")}, ${traceId}, 'user_feedback', 'FEEDBACK',
       CASE WHEN i % 8 = 0 THEN 'false' ELSE 'true' END, 'HUMAN', 'user-' || (i % 500), ${now} FROM g WHERE i % 4 = 0`,
  ];
  // Generous timeouts: on a shared, busy machine one batch can take longer than Prisma's 5 s default.
  await db.$transaction(
    async (tx) => {
      for (const sql of statements) await tx.$executeRawUnsafe(sql);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
