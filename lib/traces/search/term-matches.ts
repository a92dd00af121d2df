import "server-only";
import { db, Prisma } from "@/lib/db/client";
import type { DbProvider } from "@/lib/db/config";
import {
  compileTraceSearch,
  parseTraceFilter,
  type CompiledTraceSearch,
  type TraceFilter,
  type TraceSearchRequest,
} from "@/lib/traces/search";
import { isWideCostRange } from "@/lib/traces/search/cost-range";
import { literalContains } from "@/lib/traces/search/like-pattern";

/** Above this many matching traces a term stays a correlated EXISTS in the trace query. */
export const TERM_MATCH_BOUND = 5000;
/** Span rows read per term at most; a term found in more spans is treated as frequent. */
const SPAN_ROWS_PER_BOUND = 4;
/** The newest traces probed before a lookup, and how many of them must contain a term to skip it. */
export const FREQUENT_SAMPLE = { traces: 100, hits: 10 };

/**
 * Which traces contain each search term of a filter, looked up from the trigram index before the
 * trace query, for terms found in at most `bound` traces. The trace query then gets one
 * `id IN (...)` (the traces containing every looked-up term) instead of a correlated EXISTS per
 * term. Why: both databases answer "which spans contain GPU" from the index in one pass, but a
 * query that walks traces newest first (to fill a page) has to probe each trace's spans until
 * the page is full: thousands of probes for a rare word, and all of them for a word no trace
 * has. A frequent word keeps the EXISTS: its page fills within the first traces walked, while
 * listing its traces would read most of the index. The matches are the same either way:
 * the lookup uses the view's own case rules and escaping (PostgreSQL ILIKE over the
 * pg_trgm-indexed expression; SQLite LIKE on the FTS5 trigram table, which ignores ASCII case).
 */
export async function findTermMatches(
  filter: TraceFilter,
  provider: DbProvider,
  bound = TERM_MATCH_BOUND,
  /** When given, a term in many of these experiments' newest traces is not looked up (isFrequentAmongNewest). */
  experimentIds?: string[],
): Promise<TermMatches> {
  let traceIds: Set<string> | undefined;
  const terms = new Set<string>();
  for (const term of filter.terms) {
    if (terms.has(term.text)) continue;
    if (experimentIds && (await isFrequentAmongNewest(term.text, provider, experimentIds))) continue;
    const ids = await lookUpTerm(term.text, provider, bound);
    if (!ids) continue;
    terms.add(term.text);
    traceIds = traceIds ? new Set(ids.filter((id) => traceIds!.has(id))) : new Set(ids);
  }
  return { terms, traceIds: traceIds ? [...traceIds] : [] };
}

/** The search terms answered by the lookup, and the traces that contain all of them. */
export interface TermMatches {
  terms: ReadonlySet<string>;
  traceIds: readonly string[];
}

/** The traces whose spans contain `text`, or null when there may be more than `bound`. */
async function lookUpTerm(text: string, provider: DbProvider, bound: number): Promise<string[] | null> {
  const pattern = `%${literalContains(text, provider).contains}%`;
  const spanRows = bound * SPAN_ROWS_PER_BOUND;
  // One CTE read twice (materialised once on both databases): the distinct traces, and how many
  // span rows were read, since reaching the span cap leaves the list incomplete.
  const rows =
    provider === "postgresql"
      ? await db().$queryRaw<{ traceId: string; n: bigint }[]>`
          WITH m AS (SELECT "traceId" FROM "SpanSearchText" WHERE "body" ILIKE ${pattern} LIMIT ${spanRows})
          SELECT DISTINCT "traceId", (SELECT COUNT(*) FROM m) AS "n" FROM m LIMIT ${bound + 1}`
      : await db().$queryRaw<{ traceId: string; n: bigint }[]>`
          WITH m AS (SELECT "traceId" FROM "SpanSearchIndex" WHERE "body" LIKE ${pattern} LIMIT ${spanRows})
          SELECT DISTINCT "traceId", (SELECT COUNT(*) FROM m) AS "n" FROM m LIMIT ${bound + 1}`;
  if (rows.length > bound || (rows.length > 0 && Number(rows[0]!.n) >= spanRows)) return null;
  return rows.map((r) => r.traceId);
}

/**
 * Whether at least FREQUENT_SAMPLE.hits of the experiments' FREQUENT_SAMPLE.traces newest traces
 * contain `text`: probed trace by trace (a trace's few spans, through Span's traceId index),
 * stopping at the hits. Such a term (10% of the newest traces or more) fills a newest-first page
 * within about its first 500 traces, so the trace query's EXISTS is cheap, while looking it up
 * reads span rows up to lookUpTerm's cap only to find it frequent: at 100,000 traces `answer`
 * (in every trace) spent ~30 ms of SQLite's ~45 ms there, and most of PostgreSQL's. A rare term
 * costs the 100 probes (1,000 spans: ~1 ms on SQLite, a few on PostgreSQL, whose ILIKE is
 * slower) and is looked up as before. Only the plan depends on this; the traces matched are the
 * same either way.
 */
async function isFrequentAmongNewest(text: string, provider: DbProvider, experimentIds: string[]): Promise<boolean> {
  // One experiment (the table's case): its newest traces are an index range. Across several, "the
  // newest" would sort every trace of them first.
  if (experimentIds.length !== 1) return false;
  const pattern = `%${literalContains(text, provider).contains}%`;
  const { traces, hits } = FREQUENT_SAMPLE;
  const newest = Prisma.sql`SELECT "id" FROM "Trace" WHERE "experimentId" IN (${Prisma.join(experimentIds)})
    ORDER BY "timestampMs" DESC LIMIT ${traces}`;
  // PostgreSQL: LATERAL ... LIMIT 1 keeps the probe per trace; as an EXISTS the planner hashes
  // every span the trigram index finds (all 10,000 spans of a 1% word) before joining.
  const rows =
    provider === "postgresql"
      ? await db().$queryRaw<{ n: bigint }[]>`
          SELECT COUNT(*) AS "n" FROM (
            SELECT 1 FROM (${newest}) AS t, LATERAL (
              SELECT 1 FROM "SpanSearchText" s WHERE s."traceId" = t."id" AND s."body" ILIKE ${pattern} LIMIT 1
            ) AS x LIMIT ${hits}
          ) AS h`
      : await db().$queryRaw<{ n: bigint }[]>`
          SELECT COUNT(*) AS "n" FROM (
            SELECT 1 FROM (${newest}) AS t
            WHERE EXISTS (SELECT 1 FROM "SpanSearchText" s WHERE s."traceId" = t."id" AND s."body" LIKE ${pattern})
            LIMIT ${hits}
          ) AS h`;
  return Number(rows[0]?.n ?? 0) >= hits;
}

/**
 * compileTraceSearch with the search terms, numeric assessment conditions and cost ranges looked
 * up first: what every trace query runs.
 */
export async function prepareTraceSearch(request: TraceSearchRequest): Promise<CompiledTraceSearch> {
  const filter = parseTraceFilter(request.filter);
  const terms = await findTermMatches(filter, request.provider, TERM_MATCH_BOUND, request.experimentIds);
  return compileTraceSearch(
    request,
    await withNumberMatches(filter, request.experimentIds, terms),
    await isWideCostRange(filter, request.experimentIds, request.provider),
  );
}

/**
 * Numeric assessment conditions (`feedback.score > 0.5`) looked up the same way: the traces
 * whose assessment value compares, read through the (name, kind, valid) index, when there are at
 * most `bound` of them. Without it a rare or absent value makes the newest-first walk probe every
 * trace of the experiment; with it the trace query gets `id IN (...)`. The condition itself
 * stays in the query, so the result is the same either way.
 */
async function withNumberMatches(
  filter: TraceFilter,
  experimentIds: string[],
  terms: TermMatches,
  bound = TERM_MATCH_BOUND,
): Promise<TermMatches & { restricted?: boolean }> {
  let traceIds: Set<string> | null = terms.terms.size ? new Set(terms.traceIds) : null;
  for (const cond of filter.conditions) {
    const { key } = cond;
    if (key.entity !== "feedback" && key.entity !== "expectation") continue;
    if (!["<", "<=", ">", ">="].includes(cond.comparator) || !("value" in cond) || cond.value.type !== "number")
      continue;
    const op = ({ ">": "gt", ">=": "gte", "<": "lt", "<=": "lte" } as const)[cond.comparator as ">"];
    const rows = await db().assessmentNumber.findMany({
      where: {
        kind: key.entity === "feedback" ? "FEEDBACK" : "EXPECTATION",
        name: key.name,
        valid: true,
        number: { [op]: cond.value.value },
        trace: { experimentId: { in: experimentIds } },
      },
      distinct: ["traceId"],
      select: { traceId: true },
      take: bound + 1,
    });
    if (rows.length > bound) continue;
    const ids = rows.map((r) => r.traceId);
    traceIds = traceIds ? new Set(ids.filter((id) => traceIds!.has(id))) : new Set(ids);
  }
  if (!traceIds) return terms;
  return { terms: terms.terms, traceIds: [...traceIds], restricted: true };
}
