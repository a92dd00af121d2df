import "server-only";
/** Small batched-write helpers shared by the span writer and the trace-info upsert. */
import type { Db } from "@/lib/db/client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface KeyValueRow {
  traceId: string;
  key: string;
  value: string;
}

/**
 * Sets trace tags or metadata in two statements for any number of traces: delete the keys
 * being set, then insert them. Later rows for the same (trace, key) win. Keys not listed are
 * left alone.
 */
export async function setTraceKeyValues(tx: Tx, kind: "tag" | "metadata", rows: KeyValueRow[]): Promise<void> {
  if (!rows.length) return;
  const latest = new Map<string, KeyValueRow>();
  for (const r of rows) latest.set(`${r.traceId}\u0000${r.key}`, r);
  const byTrace = new Map<string, string[]>();
  for (const r of latest.values()) byTrace.set(r.traceId, [...(byTrace.get(r.traceId) ?? []), r.key]);
  const where = { OR: [...byTrace].map(([traceId, keys]) => ({ traceId, key: { in: keys } })) };
  const data = [...latest.values()];
  if (kind === "tag") {
    await tx.traceTag.deleteMany({ where });
    await tx.traceTag.createMany({ data });
  } else {
    await tx.traceMetadata.deleteMany({ where });
    await tx.traceMetadata.createMany({ data });
  }
}

/**
 * Whether a failed write is a race another writer won (a unique violation when both created
 * the same new trace or span, a PostgreSQL serialization failure or deadlock): then running the
 * whole transaction again sees the other's rows and succeeds.
 */
export function isRetryableWriteError(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: { code?: string; originalCode?: string } } | null;
  const codes = [e?.code, e?.cause?.code, e?.cause?.originalCode];
  if (codes.some((c) => c === "P2002" || c === "P2034" || c === "23505" || c === "40001" || c === "40P01")) return true;
  return /unique constraint|deadlock|could not serialize|write conflict/i.test(e?.message ?? "");
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
