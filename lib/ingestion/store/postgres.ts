import "server-only";
/**
 * The ingestion writer on PostgreSQL: the statements of batch.ts through `pg`, in one
 * transaction per batch. Every statement has a fixed text (multi-row work goes through unnest of
 * column arrays), so each is a named statement PostgreSQL parses and plans once per connection;
 * the column arrays travel in the binary format (pg-binary-array.ts).
 */
import type pg from "pg";
import { pgDriverPool } from "@/lib/db/client";
import { writeBatch, type IngestRequest, type Row, type SqlValue, type Stmt } from "./batch";
import { binaryArray } from "./pg-binary-array";

export class PostgresStore {
  private readonly pool: pg.Pool;
  private readonly names = new Map<string, string>();

  constructor(url: string) {
    this.pool = pgDriverPool(url);
  }

  private nameOf(sql: string): string {
    let n = this.names.get(sql);
    if (!n) this.names.set(sql, (n = `ingest_${this.names.size}`));
    return n;
  }

  async write(requests: IngestRequest[], now = new Date()): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const gen = writeBatch("postgresql", requests, now);
      let rows: Row[] = [];
      for (let step = gen.next(rows); !step.done; step = gen.next(rows)) {
        const stmt = step.value;
        if ("rows" in stmt) throw new Error("per-row statements are SQLite's");
        rows = (await client.query({ name: this.nameOf(stmt.sql), text: stmt.sql, values: values(stmt) }))
          .rows as Row[];
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}

/** The statement's parameters, its column arrays as binary arrays. */
function values(stmt: Extract<Stmt, { params: unknown }>): unknown[] {
  const types = stmt.arrays;
  if (!types) return stmt.params;
  return stmt.params.map((p, i) => binaryArray(types[i]!, p as unknown as SqlValue[]));
}
