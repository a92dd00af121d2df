import "server-only";
/**
 * Small batched-write helpers through Prisma for the trace-info upsert (StartTraceV3; the span
 * writer has its own driver-level SQL in store/). The upserts
 * are one `INSERT ... ON CONFLICT` statement per chunk of rows: SQLite (3.24+) and PostgreSQL
 * share that syntax, and one statement is one round trip where Prisma's upsert/update would
 * cost one per row (ingestion throughput is dominated by statements per request).
 */
import { Prisma, type Db } from "@/lib/db/client";
import { isRetryableWriteError } from "@/lib/db/errors";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type SqlValue = string | number | bigint | boolean | Date | null;

/** Metadata naming the conversation a trace belongs to; mirrored into Trace.sessionId. */
export const SESSION_METADATA_KEY = "mlflow.trace.session";

export interface KeyValueRow {
  traceId: string;
  key: string;
  value: string;
}

/** Bound parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 8_000;

const ident = (name: string) => Prisma.raw(`"${name}"`);

/** Column values in `columns` order, as a chunked multi-row VALUES list. */
function valueChunks(columns: readonly string[], rows: Record<string, SqlValue>[]): Prisma.Sql[] {
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const chunks: Prisma.Sql[] = [];
  for (let i = 0; i < rows.length; i += perChunk) {
    const tuples = rows
      .slice(i, i + perChunk)
      .map((r) => Prisma.sql`(${Prisma.join(columns.map((c) => r[c] ?? null))})`);
    chunks.push(Prisma.join(tuples));
  }
  return chunks;
}

/**
 * Inserts rows into `table`; rows whose `conflict` key exists already are updated to the new
 * values of `update` (or left alone when `update` is empty).
 */
export async function upsertRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  conflict: readonly string[],
  update: readonly string[],
  rows: Record<string, SqlValue>[],
): Promise<void> {
  const cols = Prisma.join(columns.map(ident));
  const onConflict = update.length
    ? Prisma.sql`ON CONFLICT (${Prisma.join(conflict.map(ident))}) DO UPDATE SET ${Prisma.join(update.map((c) => Prisma.sql`${ident(c)} = excluded.${ident(c)}`))}`
    : Prisma.sql`ON CONFLICT (${Prisma.join(conflict.map(ident))}) DO NOTHING`;
  for (const values of valueChunks(columns, rows)) {
    await tx.$executeRaw`INSERT INTO ${ident(table)} (${cols}) VALUES ${values} ${onConflict}`;
  }
}

/**
 * Sets trace tags or metadata for any number of traces in one statement: an upsert by
 * (traceId, key). Later rows for the same (trace, key) win. Keys not listed are left alone.
 */
export async function setTraceKeyValues(tx: Tx, kind: "tag" | "metadata", rows: KeyValueRow[]): Promise<void> {
  if (!rows.length) return;
  // One row per (trace, key): a statement may not update the same row twice (PostgreSQL).
  const latest = new Map<string, KeyValueRow>();
  for (const r of rows) latest.set(`${r.traceId}\u0000${r.key}`, r);
  const table = kind === "tag" ? "TraceTag" : "TraceMetadata";
  await upsertRows(tx, table, ["traceId", "key", "value"], ["traceId", "key"], ["value"], [
    ...latest.values(),
  ] as unknown as Record<string, SqlValue>[]);
  if (kind === "metadata") {
    // Keep the indexed session column equal to the metadata (one UPDATE per distinct session).
    const bySession = new Map<string, string[]>();
    for (const r of latest.values()) {
      if (r.key !== SESSION_METADATA_KEY) continue;
      bySession.set(r.value, [...(bySession.get(r.value) ?? []), r.traceId]);
    }
    for (const [sessionId, traceIds] of bySession) {
      await tx.trace.updateMany({ where: { id: { in: traceIds } }, data: { sessionId } });
    }
  }
}

/** Runs a transaction again (up to `attempts` times) when it lost a race; see isRetryableWriteError. */
export async function withWriteRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isRetryableWriteError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
