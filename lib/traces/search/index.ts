import type { DbProvider } from "@/lib/db/config";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { compileTraceFilter, type CompileFilterOptions } from "@/lib/traces/search/compile-filter";
import { compileOrderBy, parseOrderBy, type OrderByClause } from "@/lib/traces/search/order-by";
import { decodePageCursor, type PageCursor } from "@/lib/paging/page-token";
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
  /** The parsed order (tie-breakers included), which keyset tokens hold the values of. */
  clauses: OrderByClause[];
  /** The page token: an offset (MLflow's, and tokens issued before keyset paging) or a keyset. */
  cursor: PageCursor | null;
  /** The offset of an offset token, else 0. */
  skip: number;
  take: number;
}

/**
 * Turns an MLflow trace search request into the arguments of `db.trace.findMany`. Pure: it
 * touches no database. Throws ValidationError/FilterSyntaxError (400) on bad input. The trace
 * search pages by keyset (lib/traces/search/keyset.ts); `skip` serves offset tokens.
 */
export function compileTraceSearch(
  request: TraceSearchRequest,
  termMatches?: CompileFilterOptions["termMatches"],
  wideCostRange?: boolean,
): CompiledTraceSearch {
  const clauses = parseOrderBy(request.orderBy);
  const cursor = decodePageCursor(request.pageToken);
  return {
    where: compileTraceFilter(parseTraceFilter(request.filter), {
      provider: request.provider,
      experimentIds: request.experimentIds,
      termMatches,
      wideCostRange,
    }),
    orderBy: compileOrderBy(clauses),
    clauses,
    cursor,
    skip: cursor && "offset" in cursor ? cursor.offset : 0,
    take: request.maxResults,
  };
}
