import "server-only";
/**
 * The statements of batch.ts inside a caller's Prisma transaction (the evaluation runner stores
 * a trace and its links atomically). Same SQL as the drivers; slower, for small writes only.
 */
import type { Db } from "@/lib/db/client";
import { writeBatch, type Dialect, type IngestRequest, type Row, type SqlValue } from "./batch";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function writeInTransaction(tx: Tx, dialect: Dialect, requests: IngestRequest[]): Promise<void> {
  const gen = writeBatch(dialect, requests, new Date());
  const exec = async (sql: string, params: SqlValue[]): Promise<Row[]> =>
    /^\s*SELECT|RETURNING/i.test(sql)
      ? await tx.$queryRawUnsafe<Row[]>(sql, ...params)
      : (await tx.$executeRawUnsafe(sql, ...params), []);
  let rows: Row[] = [];
  for (let step = gen.next(rows); !step.done; step = gen.next(rows)) {
    const stmt = step.value;
    if ("rows" in stmt) {
      rows = [];
      for (const params of stmt.rows) rows.push(...(await exec(stmt.sql, params)));
    } else rows = await exec(stmt.sql, stmt.arrays ? stmt.params.map(textArray) : stmt.params);
  }
}

/** A column array as Prisma passes it to PostgreSQL: bigints as text (the statement casts them back). */
function textArray(p: SqlValue): SqlValue {
  return (Array.isArray(p) ? p.map((v: SqlValue) => (typeof v === "bigint" ? v.toString() : v)) : p) as SqlValue;
}
