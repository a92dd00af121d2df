/**
 * The SQL vocabulary of the ingestion writer (batch.ts says what it writes): the tables' columns
 * with their PostgreSQL types, and the statement shapes of each dialect. On SQLite a "rows"
 * statement is one prepared single-row statement run once per row; on PostgreSQL one statement
 * over unnest of column arrays, the same text whatever the row count.
 */
import type { NormalizedSpan } from "@/lib/ingestion/types";
import { OPTIONAL_TRACE_COLUMNS } from "./plan";

export type Dialect = "sqlite" | "postgresql";
export type SqlValue = string | number | bigint | boolean | null;
export type Row = Record<string, unknown>;

/**
 * A statement to run: once with `params`, or (SQLite) once per entry of `rows`. Rows come back
 * either way. `arrays` (PostgreSQL) gives the element type of each parameter that is a column
 * array, which the `pg` writer sends in the binary format (pg-binary-array.ts).
 */
export type Stmt =
  { sql: string; params: SqlValue[]; arrays?: readonly PgType[] } | { sql: string; rows: SqlValue[][] };

/** One request's spans for an experiment (a group commit writes several). */
export interface IngestRequest {
  experimentId: string;
  spans: NormalizedSpan[];
}

export type PgType = "text" | "bigint" | "int" | "float8" | "bool" | "timestamp";
export type Column = readonly [name: string, pg: PgType];

export const q = (name: string) => `"${name}"`;

export const TRACE_INSERT: Column[] = [
  ["id", "text"],
  ["experimentId", "text"],
  ["timestampMs", "bigint"],
  ["state", "text"],
  ["executionTimeMs", "bigint"],
  ["name", "text"],
  ["requestPreview", "text"],
  ["responsePreview", "text"],
  ["spanCount", "int"],
  ["inputTokens", "int"],
  ["outputTokens", "int"],
  ["totalTokens", "int"],
  ["costUsd", "float8"],
  ["createdAt", "timestamp"],
  ["updatedAt", "timestamp"],
];
export const SPAN_COLUMNS: Column[] = [
  ["traceId", "text"],
  ["spanId", "text"],
  ["parentSpanId", "text"],
  ["name", "text"],
  ["spanType", "text"],
  ["startTimeNs", "bigint"],
  ["endTimeNs", "bigint"],
  ["statusCode", "text"],
  ["statusMessage", "text"],
  ["inputs", "text"],
  ["outputs", "text"],
  ["attributes", "text"],
  ["events", "text"],
  ["model", "text"],
  ["inputTokens", "int"],
  ["outputTokens", "int"],
];
export const KV_COLUMNS: Column[] = [
  ["traceId", "text"],
  ["key", "text"],
  ["value", "text"],
];
export const USAGE_COLUMNS: Column[] = [
  ["traceId", "text"],
  ["model", "text"],
  ["inputTokens", "int"],
  ["outputTokens", "int"],
];
export const OPTIONAL_TYPES: Record<(typeof OPTIONAL_TRACE_COLUMNS)[number], PgType> = {
  state: "text",
  timestampMs: "bigint",
  executionTimeMs: "bigint",
  name: "text",
  requestPreview: "text",
  responsePreview: "text",
};

/** The statements of one dialect. */
export class Sql {
  constructor(readonly dialect: Dialect) {}

  private get pg() {
    return this.dialect === "postgresql";
  }

  /** `"col" IN <the ids>`: a JSON array on SQLite (one prepared text for any count), an array on PostgreSQL. */
  inIds(column: string, ids: string[]): { sql: string; param: SqlValue } {
    return this.pg
      ? { sql: `${q(column)} = ANY($1::text[])`, param: ids as unknown as SqlValue }
      : { sql: `${q(column)} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(ids) };
  }

  /**
   * INSERT of many rows; `onConflict` is the clause after the values. PostgreSQL: one statement
   * over unnest of one array per column; SQLite: one prepared single-row statement per row.
   */
  insert(table: string, columns: readonly Column[], rows: SqlValue[][], onConflict: string, returning = ""): Stmt {
    const cols = columns.map(([c]) => q(c)).join(", ");
    if (this.pg) {
      const arrays = columns.map((_, i) => rows.map((r) => r[i]!));
      const unnest = columns.map(([, t], i) => `$${i + 1}::${pgArrayType(t)}`).join(", ");
      return {
        sql: `INSERT INTO ${q(table)} (${cols}) SELECT * FROM unnest(${unnest}) ${onConflict} ${returning}`.trim(),
        params: arrays as unknown as SqlValue[],
        arrays: columns.map(([, t]) => t),
      };
    }
    const ph = columns.map(() => "?").join(", ");
    return { sql: `INSERT INTO ${q(table)} (${cols}) VALUES (${ph}) ${onConflict} ${returning}`.trim(), rows };
  }

  /**
   * UPDATE of many rows by id: `set` columns (each `[name, type]`) take the row's value; PostgreSQL
   * joins unnest of the arrays, SQLite runs one prepared statement per row. `flagged` columns come
   * with a boolean before the value: when false the stored value stays.
   */
  updateById(table: string, set: readonly Column[], flagged: readonly Column[], rows: SqlValue[][]): Stmt {
    // Row layout: id, set values..., then (flag, value) per flagged column.
    if (this.pg) {
      const names = ["id", ...set.map(([c]) => c), ...flagged.flatMap(([c]) => [`f_${c}`, c])];
      const types: PgType[] = [
        "text",
        ...set.map(([, t]) => t),
        ...flagged.flatMap(([, t]) => ["bool", t] as PgType[]),
      ];
      const arrays = names.map((_, i) => rows.map((r) => r[i]!));
      const assigns = [
        ...set.map(([c]) => `${q(c)} = u.${q(c)}`),
        ...flagged.map(([c]) => `${q(c)} = CASE WHEN u.${q(`f_${c}`)} THEN u.${q(c)} ELSE t.${q(c)} END`),
      ];
      const unnest = types.map((t, i) => `$${i + 1}::${pgArrayType(t)}`).join(", ");
      return {
        sql: `UPDATE ${q(table)} AS t SET ${assigns.join(", ")} FROM unnest(${unnest}) AS u(${names.map(q).join(", ")}) WHERE t."id" = u."id"`,
        params: arrays as unknown as SqlValue[],
        arrays: types,
      };
    }
    // SQLite binds no booleans: flags as 1/0, and the id moves to the end (plain `?` in order).
    const assigns = [
      ...set.map(([c]) => `${q(c)} = ?`),
      ...flagged.map(([c]) => `${q(c)} = CASE WHEN ? THEN ? ELSE ${q(c)} END`),
    ];
    return {
      sql: `UPDATE ${q(table)} SET ${assigns.join(", ")} WHERE "id" = ?`,
      rows: rows.map(([id, ...rest]) => [...rest.map((v) => (typeof v === "boolean" ? Number(v) : v)), id!]),
    };
  }

  /** A read over a list of trace ids. */
  select(sqlBefore: string, column: string, ids: string[], sqlAfter = ""): Stmt {
    const { sql, param } = this.inIds(column, ids);
    return { sql: `${sqlBefore} WHERE ${sql} ${sqlAfter}`.trim(), params: [param] };
  }
}

function pgArrayType(t: PgType): string {
  return t === "timestamp" ? "timestamp(3)[]" : t === "int" ? "integer[]" : `${t}[]`;
}

export const toBig = (v: unknown): bigint | null =>
  v === null || v === undefined ? null : BigInt(v as string | number);
export const toNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const flag = (b: boolean): SqlValue => b;
