import type { DbProvider } from "@/lib/db/config";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { compileTraceFilter, type CompileFilterOptions } from "@/lib/traces/search/compile-filter";
import { compileOrderBy, parseOrderBy } from "@/lib/traces/search/order-by";
import { decodePageToken } from "@/lib/paging/page-token";
import { parseTraceFilter } from "@/lib/traces/search/parser";

export type { Comparator, FilterCondition, FilterKey, Literal, TraceFilter } from "@/lib/traces/search/ast";
export { FilterSyntaxError } from "@/lib/traces/search/errors";
export { parseTraceFilter } from "@/lib/traces/search/parser";
export {
  compileTraceFilter,
  SOURCE_RUN_METADATA_KEY,
  type CompileFilterOptions,
} from "@/lib/traces/search/compile-filter";
export { compileOrderBy, parseOrderBy, DEFAULT_ORDER, type OrderByClause } from "@/lib/traces/search/order-by";
export { decodePageToken, encodePageToken, nextPageToken } from "@/lib/paging/page-token";

export interface TraceSearchRequest {
  provider: DbProvider;
  /** The experiments the caller may read; the search never leaves them. */
  experimentIds: string[];
  filter?: string | null;
  orderBy?: readonly string[] | string | null;
  pageToken?: string | null;
  /** Page size, already validated by the caller (MLflow: default 100, at most 500). */
  maxResults: number;
}

export interface CompiledTraceSearch {
  where: Prisma.TraceWhereInput;
  orderBy: Prisma.TraceOrderByWithRelationInput[];
  skip: number;
  take: number;
}

/**
 * Turns an MLflow trace search request into the arguments of `db.trace.findMany`. Pure: it
 * touches no database. Throws ValidationError/FilterSyntaxError (400) on bad input. Use
 * `nextPageToken(skip, take, rows.length)` for the response's next_page_token.
 */
export function compileTraceSearch(
  request: TraceSearchRequest,
  termMatches?: CompileFilterOptions["termMatches"],
): CompiledTraceSearch {
  return {
    where: compileTraceFilter(parseTraceFilter(request.filter), {
      provider: request.provider,
      experimentIds: request.experimentIds,
      termMatches,
    }),
    orderBy: compileOrderBy(parseOrderBy(request.orderBy)),
    skip: decodePageToken(request.pageToken),
    take: request.maxResults,
  };
}
