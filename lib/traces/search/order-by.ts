import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { ValidationError } from "@/lib/errors";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { tokenize, type Token } from "@/lib/traces/search/tokenizer";

/** Attributes traces can be sorted by (MLflow names after alias resolution). */
export type OrderByAttribute =
  "timestamp_ms" | "execution_time_ms" | "status" | "request_id" | "name" | "experiment_id" | "cost";

export interface OrderByClause {
  attribute: OrderByAttribute;
  ascending: boolean;
}

const ALIASES: Record<string, OrderByAttribute> = {
  timestamp_ms: "timestamp_ms",
  timestamp: "timestamp_ms",
  execution_time_ms: "execution_time_ms",
  execution_time: "execution_time_ms",
  status: "status",
  state: "status",
  request_id: "request_id",
  trace_id: "request_id",
  name: "name",
  experiment_id: "experiment_id",
  cost: "cost",
  cost_usd: "cost",
};

/** MLflow's default order and tie-breaker: newest first, then by id so pages are stable. */
export const DEFAULT_ORDER: readonly OrderByClause[] = [
  { attribute: "timestamp_ms", ascending: false },
  { attribute: "request_id", ascending: true },
];

/**
 * Parses MLflow `order_by` entries such as `"timestamp_ms DESC"` or `"attributes.name"`
 * (ASC is the default; an entry may also hold several clauses separated by commas), then
 * appends the tie-breakers `timestamp_ms DESC, request_id ASC` unless already present.
 * Throws ValidationError (400) for unknown, duplicate or unsupported keys.
 */
export function parseOrderBy(orderBy: readonly string[] | string | null | undefined): OrderByClause[] {
  const entries = orderBy == null ? [] : typeof orderBy === "string" ? [orderBy] : orderBy;
  const clauses: OrderByClause[] = [];
  for (const entry of entries) {
    for (const clause of parseEntry(entry)) {
      if (clauses.some((c) => c.attribute === clause.attribute)) {
        throw new ValidationError(`Invalid order_by: '${clause.attribute}' appears more than once`);
      }
      clauses.push(clause);
    }
  }
  for (const fallback of DEFAULT_ORDER) {
    if (!clauses.some((c) => c.attribute === fallback.attribute)) clauses.push(fallback);
  }
  return clauses;
}

/**
 * Prisma ordering for parsed clauses. Nullable columns sort their nulls last in both
 * directions, as MLflow does, so SQLite (nulls first) and PostgreSQL (nulls last) agree.
 */
export function compileOrderBy(clauses: readonly OrderByClause[]): Prisma.TraceOrderByWithRelationInput[] {
  return clauses.map(({ attribute, ascending }): Prisma.TraceOrderByWithRelationInput => {
    const sort = ascending ? "asc" : "desc";
    switch (attribute) {
      case "timestamp_ms":
        return { timestampMs: sort };
      case "execution_time_ms":
        return { executionTimeMs: { sort, nulls: "last" } };
      case "status":
        return { state: sort };
      case "request_id":
        return { id: sort };
      case "name":
        return { name: { sort, nulls: "last" } };
      case "experiment_id":
        return { experimentId: sort };
      case "cost":
        return { costUsd: { sort, nulls: "last" } };
    }
  });
}

function parseEntry(entry: string): OrderByClause[] {
  let tokens: Token[];
  try {
    tokens = tokenize(entry);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw invalid(entry, error.message.replace(/^Invalid filter at /, "at "));
    throw error;
  }
  const clauses: OrderByClause[] = [];
  let i = 0;
  while (tokens[i].kind !== "eof") {
    const key = tokens[i++];
    if (key.kind !== "ident") throw invalid(entry, `expected a key at position ${key.position}`);
    const attribute = resolveKey(entry, key);
    let ascending = true;
    const dir = tokens[i];
    if (dir.kind === "ident" && /^(asc|desc)$/i.test(dir.text)) {
      ascending = dir.text.toLowerCase() === "asc";
      i++;
    }
    clauses.push({ attribute, ascending });
    const sep = tokens[i];
    if (sep.kind === "comma") i++;
    else if (sep.kind !== "eof") throw invalid(entry, `expected ASC, DESC or the end at position ${sep.position}`);
  }
  if (clauses.length === 0) throw invalid(entry, "it is empty");
  return clauses;
}

function resolveKey(entry: string, token: Extract<Token, { kind: "ident" }>): OrderByAttribute {
  const [first, ...rest] = token.parts.map((p) => p.value);
  const prefix = first.toLowerCase();
  if (rest.length > 0 && ["tags", "tag", "metadata", "request_metadata"].includes(prefix)) {
    throw invalid(entry, "ordering by tags or metadata is not supported; order by an attribute such as timestamp_ms");
  }
  const isAttributePrefix = ["attributes", "attribute", "trace"].includes(prefix);
  const name = (
    isAttributePrefix && rest.length > 0 ? rest.join(".") : token.parts.map((p) => p.value).join(".")
  ).toLowerCase();
  const attribute = ALIASES[name];
  if (attribute) return attribute;
  if (["end_time_ms", "end_time", "run_id"].includes(name))
    throw invalid(entry, `ordering by ${name} is not supported`);
  throw invalid(entry, `unknown key '${token.text}'; expected one of ${Object.keys(ALIASES).join(", ")}`);
}

function invalid(entry: string, reason: string): ValidationError {
  return new ValidationError(`Invalid order_by clause '${entry}': ${reason}`);
}
