import "server-only";
/**
 * The ingestion writer on SQLite: the statements of batch.ts, prepared once and reused, run by
 * better-sqlite3 synchronously in one IMMEDIATE transaction, on the connection Prisma's adapter
 * uses (lib/db/client.ts says why). Synchronous on purpose: nothing else in this process runs
 * while the transaction is open, so it never interleaves with a Prisma transaction, and it never
 * starts while one of those is open (it reports "busy" and the group commit retries).
 */
import type BetterSqlite3 from "better-sqlite3";
import { writeBatch, type IngestRequest, type Row, type Stmt } from "./batch";

/** Thrown when the connection is inside someone else's transaction, or another process holds the write lock. */
export class SqliteBusy extends Error {
  override name = "SqliteBusy";
}

export class SqliteStore {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly tx: BetterSqlite3.Transaction<(requests: IngestRequest[], now: Date) => void>;

  constructor(private readonly conn: BetterSqlite3.Database) {
    this.tx = conn.transaction((requests: IngestRequest[], now: Date) => {
      const gen = writeBatch("sqlite", requests, now);
      let rows: Row[] = [];
      for (let step = gen.next(rows); !step.done; step = gen.next(rows)) rows = this.run(step.value);
    });
  }

  private prepared(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.conn.prepare(sql)));
    return s;
  }

  private run(stmt: Stmt): Row[] {
    const s = this.prepared(stmt.sql);
    const lists = "rows" in stmt ? stmt.rows : [stmt.params];
    if (!s.reader) {
      for (const params of lists) s.run(...params);
      return [];
    }
    const out: Row[] = [];
    for (const params of lists) for (const r of s.all(...params) as Row[]) out.push(r);
    return out;
  }

  /** Writes the requests in one transaction; throws SqliteBusy when it cannot start now. */
  write(requests: IngestRequest[], now = new Date()): void {
    if (this.conn.inTransaction) throw new SqliteBusy("a transaction is open on the connection");
    try {
      this.tx.immediate(requests, now);
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw new SqliteBusy((err as Error).message);
      throw err;
    }
  }
}
