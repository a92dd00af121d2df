import "server-only";
/**
 * The span store: where every span the server receives is written (lib/ingestion/writer.ts calls
 * it). One process-wide group commit over the database's driver: better-sqlite3 on SQLite
 * (Prisma's own connection), `pg` on PostgreSQL; the SQL for both is batch.ts.
 */
import { db, sqliteDriverConnection, type Db } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { isRetryableWriteError } from "../write-helpers";
import type { IngestRequest } from "./batch";
import { GroupCommit } from "./group-commit";
import { PostgresStore } from "./postgres";
import { writeInTransaction } from "./prisma-tx";
import { SqliteBusy, SqliteStore } from "./sqlite";

export type { IngestRequest } from "./batch";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Spans per transaction at most: big enough to share commits, small enough to keep readers' waits short. */
const MAX_BATCH_SPANS = 5_000;

const globalForStore = globalThis as unknown as { __tracelightSpanStore?: Promise<GroupCommit> };

async function createStore(): Promise<GroupCommit> {
  const config = readDbConfig();
  if (config.provider === "postgresql") {
    const pg = new PostgresStore(config.url);
    return new GroupCommit((requests) => pg.write(requests), {
      maxSpans: MAX_BATCH_SPANS,
      retryable: isRetryableWriteError,
      retryForMs: 30_000,
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
