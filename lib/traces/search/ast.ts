/**
 * Typed AST of MLflow's trace search `filter` (mlflow/utils/search_utils.py, SearchTraceUtils).
 * A filter is a flat list of conditions joined by AND; MLflow has no OR and no parentheses.
 */

/** Comparators after normalisation (`<>` becomes `!=`, keywords upper-case). */
export type Comparator =
  "=" | "!=" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "RLIKE" | "IN" | "NOT IN" | "IS NULL" | "IS NOT NULL";

export type ScalarComparator = Exclude<Comparator, "IN" | "NOT IN" | "IS NULL" | "IS NOT NULL">;

/** Canonical attribute names; aliases (`timestamp`, `state`, `trace_id`, ...) are resolved by the parser. */
export type AttributeName =
  | "timestamp_ms"
  | "execution_time_ms"
  | "end_time_ms"
  | "status"
  | "request_id"
  | "client_request_id"
  | "name"
  | "run_id"
  | "text"
  /** Estimated USD (Trace.costUsd, lib/costs): `trace.cost > 0.01`. */
  | "cost";

export type SpanField = "name" | "type" | "status" | "content";

export type FilterKey =
  | { entity: "attribute"; name: AttributeName }
  | { entity: "tag"; key: string }
  | { entity: "metadata"; key: string }
  | { entity: "span"; field: SpanField }
  | { entity: "span"; field: "attributes"; key: string }
  | { entity: "feedback"; name: string }
  | { entity: "expectation"; name: string };

/** A literal as written. `text` keeps a number's source spelling (`5.0` stays `5.0`). */
export type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: number; text: string }
  | { type: "boolean"; value: boolean };

interface ConditionBase {
  key: FilterKey;
  /** The key as written (for messages), e.g. "tags.`my-key`". */
  keyText: string;
  /** Offset of the key in the filter string; compile-time errors point here. */
  position: number;
}

export type FilterCondition =
  | (ConditionBase & { comparator: ScalarComparator; value: Literal })
  | (ConditionBase & { comparator: "IN" | "NOT IN"; values: Literal[] })
  | (ConditionBase & { comparator: "IS NULL" | "IS NOT NULL" });

/** All conditions must hold. An empty list matches every trace. */
export interface TraceFilter {
  conditions: FilterCondition[];
}
