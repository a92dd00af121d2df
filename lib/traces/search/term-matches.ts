import "server-only";
import { db } from "@/lib/db/client";
import type { DbProvider } from "@/lib/db/config";
import {
  compileTraceSearch,
  parseTraceFilter,
  type CompiledTraceSearch,
  type TraceFilter,
  type TraceSearchRequest,
} from "@/lib/traces/search";
import { literalContains } from "@/lib/traces/search/like-pattern";

/** Above this many matching traces a term stays a correlated EXISTS in the trace query. */
export const TERM_MATCH_BOUND = 5000;
/** Span rows read per term at most; a term found in more spans is treated as frequent. */
const SPAN_ROWS_PER_BOUND = 4;

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
): Promise<TermMatches> {
  let traceIds: Set<string> | undefined;
  const terms = new Set<string>();
  for (const term of filter.terms) {
    if (terms.has(term.text)) continue;
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

/** compileTraceSearch with the search terms looked up first: what every trace query runs. */
export async function prepareTraceSearch(request: TraceSearchRequest): Promise<CompiledTraceSearch> {
  const terms = await findTermMatches(parseTraceFilter(request.filter), request.provider);
  return compileTraceSearch(request, terms);
}
