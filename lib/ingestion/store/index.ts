import "server-only";
/**
 * The span store: where every span the server receives is written (lib/ingestion/writer.ts calls
 * it). One process-wide group commit over the database's driver: better-sqlite3 on SQLite
 * (Prisma's own connection), `pg` on PostgreSQL; the SQL for both is batch.ts.
 */
import { db, sqliteDriverConnection, type Db } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { isRetryableWriteError } from "@/lib/db/errors";
import type { IngestRequest } from "./batch";
import { GroupCommit } from "./group-commit";
import { PostgresStore } from "./postgres";
import { writeInTransaction } from "./prisma-tx";
import { SqliteBusy, SqliteStore } from "./sqlite";

export type { IngestRequest } from "./batch";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Spans per transaction at most: big enough to share commits, small enough to keep readers' waits short. */
const MAX_BATCH_SPANS = 5_000;
/**
 * PostgreSQL runs each transaction on one backend process (one core), so the queue is split into
 * smaller transactions run side by side: with one writer taking everything queued, the writer
 * reached 0.4 of the schema ceiling (bench/ingest/in-process.ts, 50 traces a request); with 4
 * writers of at most 1,000 spans, 0.5-0.8. Fewer writers than the driver pool's connections,
 * which claims and the trace view share.
 */
const POSTGRES_WRITERS = 4;
const POSTGRES_BATCH_SPANS = 1_000;

const globalForStore = globalThis as unknown as { __tracelightSpanStore?: Promise<GroupCommit> };

async function createStore(): Promise<GroupCommit> {
  const config = readDbConfig();
  if (config.provider === "postgresql") {
    const pg = new PostgresStore(config.url);
    return new GroupCommit((requests) => pg.write(requests), {
      maxSpans: POSTGRES_BATCH_SPANS,
      retryable: isRetryableWriteError,
      retryForMs: 30_000,
      writers: POSTGRES_WRITERS,
    });
  }
  const conn = await sqliteDriverConnection(db());
  if (!conn) throw new Error("the SQLite connection of the Prisma adapter is not reachable");
  const sqlite = new SqliteStore(conn);
  return new GroupCommit((requests) => sqlite.write(requests), {
    maxSpans: MAX_BATCH_SPANS,
    retryable: (err) => err instanceof SqliteBusy || isRetryableWriteError(err),
    retryForMs: 60_000,
  });
}

/** Stores one request's spans; resolves once they are committed. */
export async function storeSpans(request: IngestRequest): Promise<void> {
  globalForStore.__tracelightSpanStore ??= createStore();
  const store = await globalForStore.__tracelightSpanStore.catch((err) => {
    globalForStore.__tracelightSpanStore = undefined;
    throw err;
  });
  await store.submit(request);
}

/** Stores spans inside the caller's Prisma transaction (no group commit: the caller owns the commit). */
export async function storeSpansInTransaction(tx: Tx, request: IngestRequest): Promise<void> {
  await writeInTransaction(tx, readDbConfig().provider, [request]);
}
