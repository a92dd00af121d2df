/**
 * searchTraces: the one trace search, used by the MLflow REST (SearchTracesV3) and by the
 * traces table. Filter/order/page are MLflow's (lib/traces/search compiles them to Prisma).
 */
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import { compileTraceSearch, nextPageToken } from "@/lib/traces/search";
import type { CountTracesResult, SearchTracesResult } from "../schemas";
import { COUNT_BOUND } from "../explorer-query";
import { TRACE_INFO_SELECT, toTraceInfos } from "../trace-info";
import { traceScopeWhere } from "@/lib/auth/reviewer-scope";

export interface SearchTracesRequest {
  experimentIds: string[];
  filter?: string | null;
  orderBy?: readonly string[] | string | null;
  pageToken?: string | null;
  /** Already validated by the caller (1..500). */
  maxResults: number;
}

/**
 * One page of traces matching an MLflow filter, with tags, metadata and all assessments
 * embedded. Throws FilterSyntaxError/ValidationError (400) on a bad filter, order or token.
 * Any signed-in role may search; a Reviewer finds only the traces of their labeling sessions.
 */
export async function searchTraces(actor: Actor, req: SearchTracesRequest): Promise<SearchTracesResult> {
  requireRole(actor, "REVIEWER");
  const compiled = compileTraceSearch({ provider: readDbConfig().provider, ...req });
  const scope = traceScopeWhere(actor);
  const rows = await db().trace.findMany({
    where: scope ? { AND: [compiled.where, scope] } : compiled.where,
    orderBy: compiled.orderBy,
    skip: compiled.skip,
    take: compiled.take,
    select: TRACE_INFO_SELECT,
  });
  const token = nextPageToken(compiled.skip, compiled.take, rows.length);
  return { traces: await toTraceInfos(rows, actor), ...(token ? { nextPageToken: token } : {}) };
}

/**
 * How many traces match a filter: exact up to COUNT_BOUND, else `capped` ("more than 10,000").
 * A COUNT over a subquery LIMITed to COUNT_BOUND + 1 rows, so a broad filter over millions of
 * traces stops early instead of counting them all. Same filter, scope and roles as searchTraces.
 */
export async function countTraces(
  actor: Actor,
  req: Pick<SearchTracesRequest, "experimentIds" | "filter">,
  bound = COUNT_BOUND,
): Promise<CountTracesResult> {
  requireRole(actor, "REVIEWER");
  const compiled = compileTraceSearch({ provider: readDbConfig().provider, ...req, maxResults: 1 });
  const scope = traceScopeWhere(actor);
  const n = await db().trace.count({
    where: scope ? { AND: [compiled.where, scope] } : compiled.where,
    take: bound + 1,
  });
  return { count: Math.min(n, bound), capped: n > bound };
}
