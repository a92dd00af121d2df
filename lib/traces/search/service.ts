/**
 * searchTraces: the one trace search, used by the MLflow REST (SearchTracesV3) and by the
 * traces table. Filter/order/page are MLflow's (lib/traces/search compiles them to Prisma).
 */
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { readDbConfig } from "@/lib/db/config";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { encodeKeysetToken } from "@/lib/paging/page-token";
import { keysetReads, keyValues } from "@/lib/traces/search/keyset";
import { prepareTraceSearch } from "@/lib/traces/search/term-matches";
import type {
  CountTracesResult,
  FilterSuggestionsResult,
  SearchTracesResult,
  TFilterSuggestionsQuery,
} from "../schemas";
import { COUNT_BOUND } from "../explorer-query";
import { TRACE_INFO_SELECT, toTraceInfos, type TraceInfoRow } from "../trace-info";
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
 *
 * Pages by keyset (lib/traces/search/keyset.ts): `nextPageToken` while more rows follow,
 * `prevPageToken` on any page but the first. Offset tokens (MLflow's shape) are still read.
 */
export async function searchTraces(actor: Actor, req: SearchTracesRequest): Promise<SearchTracesResult> {
  requireRole(actor, "REVIEWER");
  const compiled = await prepareTraceSearch({ provider: readDbConfig().provider, ...req });
  const scope = traceScopeWhere(actor);
  const base = scope ? [compiled.where, scope] : [compiled.where];
  const { take, clauses, cursor } = compiled;
  const read = (where: Prisma.TraceWhereInput, orderBy: Prisma.TraceOrderByWithRelationInput[], n: number, skip = 0) =>
    db().trace.findMany({ where: { AND: [...base, where] }, orderBy, skip, take: n, select: TRACE_INFO_SELECT });

  let rows: TraceInfoRow[] = [];
  let more = false;
  let hasPrev = false;
  if (cursor && "offset" in cursor) {
    rows = await read({}, compiled.orderBy, take + 1, cursor.offset);
    hasPrev = cursor.offset > 0;
  } else if (cursor && "before" in cursor) {
    // A previous page: read backwards from the cursor row, then put the rows in order.
    for (const r of keysetReads(clauses, cursor)) {
      rows.push(...(await read(r.where, r.orderBy, take + 1 - rows.length)));
      if (rows.length > take) break;
    }
    hasPrev = rows.length > take;
    rows = rows.slice(0, take).reverse();
    // Fewer than a page before the cursor (rows were deleted, or a hand-made token): the first page.
    if (rows.length < take) return searchTraces(actor, { ...req, pageToken: null });
    more = true;
  } else {
    for (const r of keysetReads(clauses, cursor)) {
      rows.push(...(await read(r.where, r.orderBy, take + 1 - rows.length)));
      if (rows.length > take) break;
    }
    hasPrev = cursor != null;
  }
  if (rows.length > take) {
    rows = rows.slice(0, take);
    more = true;
  }
  const last = rows.at(-1);
  const first = rows[0];
  return {
    traces: await toTraceInfos(rows, actor),
    ...(more && last ? { nextPageToken: encodeKeysetToken("after", keyValues(clauses, last)) } : {}),
    ...(hasPrev && first ? { prevPageToken: encodeKeysetToken("before", keyValues(clauses, first)) } : {}),
  };
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
  const compiled = await prepareTraceSearch({ provider: readDbConfig().provider, ...req, maxResults: 1 });
  const scope = traceScopeWhere(actor);
  const n = await db().trace.count({
    where: scope ? { AND: [compiled.where, scope] } : compiled.where,
    take: bound + 1,
  });
  return { count: Math.min(n, bound), capped: n > bound };
}

/** Suggestions come from the newest traces only, so their cost does not grow with the experiment. */
export const SUGGESTION_SAMPLE = 2000;

/**
 * Keys (tag keys, metadata keys, feedback and expectation names, span names, types and models),
 * or the values of one key, that occur in the experiment's newest SUGGESTION_SAMPLE traces the
 * caller may read, sorted, starting with `prefix`, one page at a time. For the filter builder.
 */
export async function listFilterSuggestions(
  actor: Actor,
  q: TFilterSuggestionsQuery,
): Promise<FilterSuggestionsResult> {
  requireRole(actor, "REVIEWER");
  const scope = traceScopeWhere(actor);
  const recent = await db().trace.findMany({
    where: { experimentId: q.experimentId, ...(scope ?? {}) },
    orderBy: [{ timestampMs: "desc" }, { id: "asc" }],
    take: SUGGESTION_SAMPLE,
    select: { id: true },
  });
  const page = { skip: (q.page - 1) * q.pageSize, take: q.pageSize + 1 };
  const items = await suggestionRows(q, { in: recent.map((r) => r.id) }, page, { startsWith: q.prefix });
  return { items: items.slice(0, q.pageSize), hasMore: items.length > q.pageSize };
}

async function suggestionRows(
  q: TFilterSuggestionsQuery,
  traceId: { in: string[] },
  page: { skip: number; take: number },
  starts: { startsWith: string },
): Promise<string[]> {
  const d = db();
  switch (q.field) {
    case "tag":
      return q.key
        ? (
            await d.traceTag.groupBy({
              by: ["value"],
              where: { traceId, key: q.key, value: starts },
              orderBy: { value: "asc" },
              ...page,
            })
          ).map((r) => r.value)
        : (
            await d.traceTag.groupBy({ by: ["key"], where: { traceId, key: starts }, orderBy: { key: "asc" }, ...page })
          ).map((r) => r.key);
    case "metadata":
      return q.key
        ? (
            await d.traceMetadata.groupBy({
              by: ["value"],
              where: { traceId, key: q.key, value: starts },
              orderBy: { value: "asc" },
              ...page,
            })
          ).map((r) => r.value)
        : (
            await d.traceMetadata.groupBy({
              by: ["key"],
              where: { traceId, key: starts },
              orderBy: { key: "asc" },
              ...page,
            })
          ).map((r) => r.key);
    case "feedback":
    case "expectation": {
      const kind = q.field === "feedback" ? "FEEDBACK" : "EXPECTATION";
      // Values are JSON text: a string is offered unquoted, as one types it.
      return q.key
        ? (
            await d.assessment.groupBy({
              by: ["value"],
              where: { traceId, kind, name: q.key, valid: true, value: { not: null } },
              orderBy: { value: "asc" },
              ...page,
            })
          ).map((r) => unjson(r.value ?? ""))
        : (
            await d.assessment.groupBy({
              by: ["name"],
              where: { traceId, kind, name: starts },
              orderBy: { name: "asc" },
              ...page,
            })
          ).map((r) => r.name);
    }
    case "span.name":
      return (
        await d.span.groupBy({ by: ["name"], where: { traceId, name: starts }, orderBy: { name: "asc" }, ...page })
      ).map((r) => r.name);
    case "span.type":
      return (
        await d.span.groupBy({
          by: ["spanType"],
          where: { traceId, spanType: starts },
          orderBy: { spanType: "asc" },
          ...page,
        })
      ).map((r) => r.spanType);
    case "span.model":
      return (
        await d.span.groupBy({
          by: ["model"],
          where: { traceId, model: { not: null, ...starts } },
          orderBy: { model: "asc" },
          ...page,
        })
      ).map((r) => r.model ?? "");
  }
}

function unjson(text: string): string {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "string" ? v : text;
  } catch {
    return text;
  }
}
