/**
 * Keyset paging of the trace search (pure: builds Prisma arguments, touches no database).
 *
 * The order is total (parseOrderBy always ends with request_id), so a page token can hold the
 * sort-key values of the last row shown and the next page is "rows after these values": an
 * index range scan however deep the page, where OFFSET read and dropped every row before it.
 *
 * Nullable sort keys (duration, name, cost) sort their nulls last, as MLflow. No index serves
 * "DESC NULLS LAST" on PostgreSQL or "ASC NULLS LAST" on SQLite, so when the first key is
 * nullable the list is read as two segments: the rows with a value (key IS NOT NULL, ordered
 * by the key's index in either direction), then the rows without (key IS NULL, ordered by the
 * remaining keys). Together they are exactly the NULLS LAST order.
 */
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { pageTokenMismatch, type KeyValue } from "@/lib/paging/page-token";
import type { OrderByAttribute, OrderByClause } from "@/lib/traces/search/order-by";

type Field = "timestampMs" | "executionTimeMs" | "state" | "id" | "name" | "experimentId" | "costUsd";

const COLUMNS: Record<OrderByAttribute, { field: Field; nullable: boolean; kind: "bigint" | "string" | "number" }> = {
  timestamp_ms: { field: "timestampMs", nullable: false, kind: "bigint" },
  execution_time_ms: { field: "executionTimeMs", nullable: true, kind: "bigint" },
  status: { field: "state", nullable: false, kind: "string" },
  request_id: { field: "id", nullable: false, kind: "string" },
  name: { field: "name", nullable: true, kind: "string" },
  experiment_id: { field: "experimentId", nullable: false, kind: "string" },
  cost: { field: "costUsd", nullable: true, kind: "number" },
};

/** The sort-key columns of a trace row (what TRACE_INFO_SELECT selects). */
export type KeyRow = {
  [K in Field]: K extends "timestampMs"
    ? bigint
    : K extends "executionTimeMs"
      ? bigint | null
      : K extends "costUsd"
        ? number | null
        : K extends "name"
          ? string | null
          : string;
};

/** The token values of a row: bigints as decimal strings (JSON has no 64-bit integers). */
export function keyValues(clauses: readonly OrderByClause[], row: KeyRow): KeyValue[] {
  return clauses.map(({ attribute }) => {
    const v = row[COLUMNS[attribute].field];
    return typeof v === "bigint" ? v.toString() : v;
  });
}

type Typed = string | number | bigint | null;

/** Token values back to column values; a token that does not fit the order is a 400. */
function typedValues(clauses: readonly OrderByClause[], values: readonly KeyValue[]): Typed[] {
  if (values.length !== clauses.length) throw pageTokenMismatch();
  return clauses.map(({ attribute }, i) => {
    const { nullable, kind } = COLUMNS[attribute];
    const v = values[i]!;
    if (v === null) {
      if (!nullable) throw pageTokenMismatch();
      return null;
    }
    if (kind === "bigint") {
      if (typeof v !== "string" || !/^-?\d{1,19}$/.test(v)) throw pageTokenMismatch();
      return BigInt(v);
    }
    if (typeof v !== (kind === "number" ? "number" : "string")) throw pageTokenMismatch();
    return v;
  });
}

interface Key {
  field: Field;
  nullable: boolean;
  ascending: boolean;
  nullsLast: boolean;
}

/** One read of a page: a where, an order and whether it is the reversed (previous page) read. */
export interface KeysetRead {
  where: Prisma.TraceWhereInput;
  orderBy: Prisma.TraceOrderByWithRelationInput[];
}

const NOTHING = null;

/** Rows strictly after `v` in column order (asc/desc, nulls first/last); null when none can be. */
function afterValue(k: Key, v: Typed): Prisma.TraceWhereInput | null {
  const cmp = k.ascending ? "gt" : "lt";
  if (v === null) return k.nullsLast ? NOTHING : { [k.field]: { not: null } };
  const beyond = { [k.field]: { [cmp]: v } };
  return k.nullable && k.nullsLast ? { OR: [beyond, { [k.field]: null }] } : beyond;
}

/** Rows after the row with `values` under `keys` (lexicographic, expanded into ORs). */
function afterRow(keys: readonly Key[], values: readonly Typed[]): Prisma.TraceWhereInput {
  const terms: Prisma.TraceWhereInput[] = [];
  for (let i = 0; i < keys.length; i++) {
    const after = afterValue(keys[i]!, values[i]!);
    if (!after) continue;
    const equal = keys.slice(0, i).map((k, j) => ({ [k.field]: values[j] }) as Prisma.TraceWhereInput);
    terms.push(equal.length ? { AND: [...equal, after] } : after);
  }
  const first = keys[0]!;
  const v0 = values[0];
  // A bound on the leading key alone, which the index range scan starts from (the OR above
  // is not sargable on every planner).
  const bound: Prisma.TraceWhereInput | null =
    v0 != null && !first.nullable ? { [first.field]: { [first.ascending ? "gte" : "lte"]: v0 } } : null;
  const or: Prisma.TraceWhereInput = terms.length ? { OR: terms } : { id: { in: [] } };
  return bound ? { AND: [bound, or] } : or;
}

function orderOf(keys: readonly Key[]): Prisma.TraceOrderByWithRelationInput[] {
  return keys.map((k) => {
    const sort = k.ascending ? "asc" : "desc";
    return { [k.field]: k.nullable ? { sort, nulls: k.nullsLast ? "last" : "first" } : sort };
  });
}

interface Segment {
  where: Prisma.TraceWhereInput | null;
  keys: Key[];
  /** Which of the order's clauses the segment's keys are (the null segment drops the first). */
  from: number;
}

function segments(clauses: readonly OrderByClause[]): Segment[] {
  const keys: Key[] = clauses.map(({ attribute, ascending }) => ({
    ...COLUMNS[attribute],
    ascending,
    nullsLast: true,
  }));
  const first = keys[0]!;
  if (!first.nullable) return [{ where: null, keys, from: 0 }];
  return [
    { where: { [first.field]: { not: null } }, keys: [{ ...first, nullable: false }, ...keys.slice(1)], from: 0 },
    { where: { [first.field]: null }, keys: keys.slice(1), from: 1 },
  ];
}

function reversed(k: Key): Key {
  return { ...k, ascending: !k.ascending, nullsLast: !k.nullsLast };
}

/**
 * The reads that fill a page, in order: after the cursor row (or from the start when there is
 * no cursor), or before it for a previous page (then in reverse order; reverse the rows read).
 * Each read takes what the page still lacks; a later read is needed only when the earlier ones
 * returned fewer rows.
 */
export function keysetReads(
  clauses: readonly OrderByClause[],
  cursor: { after: readonly KeyValue[] } | { before: readonly KeyValue[] } | null,
): KeysetRead[] {
  const segs = segments(clauses);
  if (!cursor) return segs.map((s) => ({ where: s.where ?? {}, orderBy: orderOf(s.keys) }));
  const backward = "before" in cursor;
  const values = typedValues(clauses, backward ? cursor.before : cursor.after);
  // The cursor row's segment: the null segment when the leading nullable key is null.
  const at = segs.length > 1 && values[0] === null ? 1 : 0;
  const ordered = backward ? segs.slice(0, at + 1).reverse() : segs.slice(at);
  return ordered.map((s, n) => {
    const keys = backward ? s.keys.map(reversed) : s.keys;
    const parts = [s.where, n === 0 ? afterRow(keys, values.slice(s.from)) : null].filter(
      (w): w is Prisma.TraceWhereInput => w != null,
    );
    return { where: parts.length === 1 ? parts[0]! : { AND: parts }, orderBy: orderOf(keys) };
  });
}
