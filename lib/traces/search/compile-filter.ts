import type { DbProvider } from "@/lib/db/config";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { FilterCondition, FilterKey, FreeTextTerm, Literal, TraceFilter } from "@/lib/traces/search/ast";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { assessmentValueCandidates, literalText, spanAttributeFragments } from "@/lib/traces/search/json-values";
import { applyMatch, insensitive, likeToStringMatch, literalContains } from "@/lib/traces/search/like-pattern";

type Where = Prisma.TraceWhereInput;
type SpanWhere = Prisma.SpanWhereInput;
type StringFilter = Prisma.StringFilter;

export interface CompileFilterOptions {
  provider: DbProvider;
  /** Traces outside these experiments never match. */
  experimentIds: string[];
  /**
   * Search terms already looked up (lib/traces/search/term-matches.ts) and the traces that contain
   * all of them; the other terms compile to a correlated EXISTS.
   */
  termMatches?: {
    terms: ReadonlySet<string>;
    traceIds: readonly string[];
    /** The traces are a bound even with no term looked up (numeric assessment conditions were). */
    restricted?: boolean;
  };
  /**
   * The cost ranges (`trace.cost > x`) match so many traces that the query should walk its sort
   * order's index and test each row's cost, not range-scan the cost index and sort every match
   * (decided by a bounded count: lib/traces/search/cost-range.ts). SQLite only.
   */
  wideCostRange?: boolean;
}

/** Metadata key MLflow writes on traces created inside a run (mlflow.tracing.constant). */
export const SOURCE_RUN_METADATA_KEY = "mlflow.sourceRun";

/**
 * Compiles a parsed filter into a Prisma where clause for Trace, using only filters that both
 * the SQLite and the PostgreSQL connectors support (relation `some`/`none`, LIKE-based string
 * filters), so one filter gives the same traces on either database. Differences that remain
 * are listed on likeToStringMatch (SQLite's LIKE ignores ASCII case). Conditions that cannot be
 * expressed (RLIKE, end_time_ms, some LIKE patterns) throw FilterSyntaxError (400).
 */
export function compileTraceFilter(filter: TraceFilter, options: CompileFilterOptions): Where {
  return {
    AND: [
      { experimentId: { in: options.experimentIds } },
      ...filter.conditions.map((c) => compileCondition(c, options)),
      ...(options.termMatches?.terms.size || options.termMatches?.restricted
        ? [{ id: { in: [...options.termMatches.traceIds] } }]
        : []),
      ...filter.terms
        .filter((t) => !options.termMatches?.terms.has(t.text))
        .map((t) => compileTerm(t, options.provider)),
    ],
  };
}

/**
 * A search word or phrase: some span of the trace has it in its inputs or outputs. The view
 * SpanSearchText is an FTS5 trigram table on SQLite (whose LIKE ignores ASCII case) and a
 * pg_trgm-indexed expression on PostgreSQL (ILIKE), so both answer a case-insensitive substring
 * match from an index. On SQLite a `%` or `_` in the term still acts as a LIKE wildcard.
 */
function compileTerm(term: FreeTextTerm, provider: DbProvider): Where {
  const contains = literalContains(term.text, provider);
  return { searchTexts: { some: { body: provider === "postgresql" ? insensitive(contains) : contains } } };
}

function compileCondition(cond: FilterCondition, options: CompileFilterOptions): Where {
  const { provider } = options;
  const key: FilterKey = cond.key;
  switch (key.entity) {
    case "attribute":
      return compileAttribute(cond, key.name, options);
    case "tag": {
      // Each condition gets its own `some`, as MLflow joins one subquery per clause.
      if (cond.comparator === "IS NULL") return { tags: { none: { key: key.key } } };
      if (cond.comparator === "IS NOT NULL") return { tags: { some: { key: key.key } } };
      const value = stringCondition<Prisma.TraceTagWhereInput>(cond, provider, (f) => ({ value: f }));
      return { tags: { some: { key: key.key, ...value } } };
    }
    case "metadata": {
      if (cond.comparator === "IS NULL") return { metadata: { none: { key: key.key } } };
      if (cond.comparator === "IS NOT NULL") return { metadata: { some: { key: key.key } } };
      const value = stringCondition<Prisma.TraceMetadataWhereInput>(cond, provider, (f) => ({ value: f }));
      return { metadata: { some: { key: key.key, ...value } } };
    }
    case "span":
      return { spans: { some: compileSpan(cond, key, provider) } };
    case "feedback":
    case "expectation":
      return compileAssessment(cond, key.entity === "feedback" ? "FEEDBACK" : "EXPECTATION", key.name, provider);
  }
}

function compileAttribute(
  cond: FilterCondition,
  name: Extract<FilterKey, { entity: "attribute" }>["name"],
  { provider, wideCostRange }: CompileFilterOptions,
): Where {
  switch (name) {
    case "timestamp_ms":
      return { timestampMs: numberFilter(cond) };
    case "execution_time_ms":
      return { executionTimeMs: numberFilter(cond) };
    case "cost":
      return wideCostRange ? unindexedCost(cond) : { costUsd: decimalFilter(cond) };
    case "end_time_ms":
      // Only the start time and the duration are stored, and Prisma cannot compare a sum of columns.
      throw new FilterSyntaxError(
        cond.position,
        "end_time_ms filters are not supported; filter on timestamp_ms and execution_time_ms instead",
      );
    case "status":
      return stringCondition<Where>(cond, provider, (f) => ({ state: f }));
    case "request_id":
      return stringCondition<Where>(cond, provider, (f) => ({ id: f }));
    case "client_request_id":
      return stringCondition<Where>(cond, provider, (f) => ({ clientRequestId: f }));
    case "name":
      return stringCondition<Where>(cond, provider, (f) => ({ name: f }));
    case "run_id": {
      // A trace belongs to a run when it was logged inside it (metadata) or linked to it later.
      const ids = "values" in cond ? cond.values.map(literalText) : "value" in cond ? [literalText(cond.value)] : [];
      const runId: StringFilter = ids.length === 1 ? { equals: ids[0] } : { in: ids };
      return {
        OR: [{ metadata: { some: { key: SOURCE_RUN_METADATA_KEY, value: runId } } }, { runLinks: { some: { runId } } }],
      };
    }
    case "text":
      // Full-text search over what the spans received and returned (JSON text).
      return {
        spans: {
          some: {
            OR: [
              stringCondition<SpanWhere>(cond, provider, (f) => ({ inputs: f })),
              stringCondition<SpanWhere>(cond, provider, (f) => ({ outputs: f })),
            ],
          },
        },
      };
  }
}

function compileSpan(
  cond: FilterCondition,
  key: Extract<FilterKey, { entity: "span" }>,
  provider: DbProvider,
): SpanWhere {
  switch (key.field) {
    case "name":
      return stringCondition<SpanWhere>(cond, provider, (f) => ({ name: f }));
    case "type":
      return stringCondition<SpanWhere>(cond, provider, (f) => ({ spanType: f }));
    case "status":
      return stringCondition<SpanWhere>(cond, provider, (f) => ({ statusCode: f }));
    case "model":
      return stringCondition<SpanWhere>(cond, provider, (f) => ({ model: f }));
    case "content": {
      // MLflow matches the raw span JSON; we store its parts in columns, so match any of them.
      const columns = ["name", "inputs", "outputs", "attributes", "events", "statusMessage"] as const;
      return { OR: columns.map((c) => stringCondition<SpanWhere>(cond, provider, (f) => ({ [c]: f }) as SpanWhere)) };
    }
    case "attributes":
      return compileSpanAttribute(cond, key.key, provider);
  }
}

/**
 * `span.attributes.<k>`: the attributes column is a JSON object, which Prisma cannot query by
 * path portably, so (as MLflow does) the condition is a substring match on the JSON text.
 * `=`/`IN` look for `"k":<value>`; LIKE/ILIKE look for `"k":` followed by the pattern's core,
 * which is looser than a per-value match (anchors in the pattern are not enforced).
 */
function compileSpanAttribute(cond: FilterCondition, attrKey: string, provider: DbProvider): SpanWhere {
  if (cond.comparator === "LIKE" || cond.comparator === "ILIKE") {
    const core = literalText(cond.value).replace(/^%+/, "").replace(/%+$/, "");
    const keyPart = literalContains(`${JSON.stringify(attrKey)}:`, provider).contains as string;
    const match = likeToStringMatch(`%${keyPart}%${core}%`, {
      provider,
      caseInsensitive: cond.comparator === "ILIKE",
      position: cond.position,
    });
    return applyMatch<SpanWhere>(match, (f) => ({ attributes: f }));
  }
  const values: Literal[] = "values" in cond ? cond.values : "value" in cond ? [cond.value] : [];
  if (cond.comparator === "RLIKE") throw rlike(cond);
  const anyMatch: SpanWhere = {
    OR: values
      .flatMap((v) => spanAttributeFragments(attrKey, v))
      .map((fragment) => ({ attributes: literalContains(fragment, provider) })),
  };
  return cond.comparator === "!=" || cond.comparator === "NOT IN" ? { NOT: anyMatch } : anyMatch;
}

/**
 * feedback.<name> / expectation.<name>: only valid (not overridden) assessments count, as in
 * MLflow. `=`/`!=` compare the stored JSON text with every JSON spelling of the filter value.
 */
function compileAssessment(
  cond: FilterCondition,
  kind: "FEEDBACK" | "EXPECTATION",
  name: string,
  provider: DbProvider,
): Where {
  const base: Prisma.AssessmentWhereInput = { kind, name, valid: true };
  switch (cond.comparator) {
    case "IS NULL":
      return { assessments: { none: base } };
    case "IS NOT NULL":
      return { assessments: { some: base } };
    case "=":
    case "!=": {
      const candidates = assessmentValueCandidates(cond.value);
      const value: Prisma.StringNullableFilter =
        cond.comparator === "="
          ? candidates.length === 1
            ? { equals: candidates[0] }
            : { in: candidates }
          : { notIn: candidates };
      return { assessments: { some: { ...base, value } } };
    }
    case ">":
    case ">=":
    case "<":
    case "<=": {
      // The view AssessmentNumber holds each value as a number when it is one (see the migration).
      const n = "value" in cond && cond.value.type === "number" ? cond.value.value : NaN;
      const op = ({ ">": "gt", ">=": "gte", "<": "lt", "<=": "lte" } as const)[cond.comparator];
      return { assessmentNumbers: { some: { kind, name, valid: true, number: { [op]: n } } } };
    }
    default:
      return {
        assessments: {
          some: { ...base, ...stringCondition<Prisma.AssessmentWhereInput>(cond, provider, (f) => ({ value: f })) },
        },
      };
  }
}

/** A string comparison on one column, for =, !=, IN, NOT IN, LIKE and ILIKE. */
function stringCondition<W extends { AND?: W | W[]; NOT?: W | W[] }>(
  cond: FilterCondition,
  provider: DbProvider,
  onField: (filter: StringFilter) => W,
): W {
  switch (cond.comparator) {
    case "=":
      return onField({ equals: literalText(cond.value) });
    case "!=":
      return onField({ not: literalText(cond.value) });
    case "IN":
      return onField({ in: cond.values.map(literalText) });
    case "NOT IN":
      return onField({ notIn: cond.values.map(literalText) });
    case "LIKE":
    case "ILIKE": {
      const options = { provider, caseInsensitive: cond.comparator === "ILIKE", position: cond.position };
      return applyMatch(likeToStringMatch(literalText(cond.value), options), onField);
    }
    case "RLIKE":
      throw rlike(cond);
    default:
      // The parser only lets these comparators through for numeric keys.
      throw new FilterSyntaxError(
        cond.position,
        `comparator '${cond.comparator}' is not supported for '${cond.keyText}'`,
      );
  }
}

/** `<op> n` as a Prisma comparison, for the comparators every numeric key accepts. */
function compare<T>(cond: FilterCondition, n: T): { equals?: T; not?: T; gt?: T; gte?: T; lt?: T; lte?: T } {
  switch (cond.comparator) {
    case "=":
      return { equals: n };
    case "!=":
      return { not: n };
    case ">":
      return { gt: n };
    case ">=":
      return { gte: n };
    case "<":
      return { lt: n };
    case "<=":
      return { lte: n };
    default:
      throw new FilterSyntaxError(
        cond.position,
        `comparator '${cond.comparator}' is not supported for '${cond.keyText}'`,
      );
  }
}

function numberFilter(cond: FilterCondition): Prisma.BigIntFilter {
  if (!("value" in cond) || cond.value.type !== "number") {
    throw new FilterSyntaxError(cond.position, `expected an integer number of milliseconds for '${cond.keyText}'`);
  }
  return compare(cond, BigInt(cond.value.value));
}

/** `trace.cost <op> <usd>`: traces without a cost (nothing priced) never match. */
function decimalFilter(cond: FilterCondition): Prisma.FloatNullableFilter {
  if (!("value" in cond) || cond.value.type !== "number") {
    throw new FilterSyntaxError(cond.position, `expected a number of USD for '${cond.keyText}'`);
  }
  return compare(cond, cond.value.value);
}

const NEGATED = { gt: "lte", gte: "lt", lt: "gte", lte: "gt" } as const;

/**
 * A cost range spelled `NOT (costUsd <= x)` instead of `costUsd > x`: the same rows (a trace
 * without a cost fails both, as NOT NULL is NULL), but SQLite's planner cannot use a NOT as an
 * index range, so it walks the index of the sort order (newest first: Trace_experimentId_
 * timestampMs_idx) and stops when the page is full. It has no statistics (the app keeps none)
 * and otherwise prefers the range on (experimentId, costUsd, ...), then sorts every match:
 * ~90 ms when 100,000 traces match, against under 1 ms for the walk. = and != stay as they are.
 */
function unindexedCost(cond: FilterCondition): Where {
  const filter = decimalFilter(cond);
  const [op, value] = Object.entries(filter)[0] as [keyof typeof filter, number];
  return op in NEGATED ? { NOT: { costUsd: { [NEGATED[op as keyof typeof NEGATED]]: value } } } : { costUsd: filter };
}

function rlike(cond: FilterCondition): FilterSyntaxError {
  return new FilterSyntaxError(
    cond.position,
    `RLIKE is not supported (on '${cond.keyText}'): the database layer has no portable regular-expression filter; use LIKE or ILIKE`,
  );
}
