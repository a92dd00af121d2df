/**
 * The traces table's URL state (client-safe, pure): filter text, quick filters, sort and page
 * live in the query string so a view can be shared; this turns them into a search request.
 * Pages are keyset pages: past the first, the URL carries the page's token (`cursor`) beside
 * its number, so a shared link opens the same page at the same cost however deep it is.
 */
export const PAGE_SIZE = 50;
export const PAGE_SIZES = [25, 50, 100, 200] as const;
/** Counts are exact up to this bound, then "more than" (a COUNT over a LIMITed subquery). */
export const COUNT_BOUND = 10_000;

export const STATE_FILTERS = ["OK", "ERROR", "IN_PROGRESS"] as const;
export const TIME_RANGES = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
} as const;
export type TimeRange = keyof typeof TIME_RANGES;
export const SORTABLE = ["timestamp_ms", "execution_time_ms", "status", "name", "request_id", "cost"] as const;
/** Quick filters on latency (at least N ms) and cost (at least N USD). */
export const LATENCY_FILTERS = [1000, 5000, 10_000, 30_000] as const;
export const COST_FILTERS = [0.001, 0.01, 0.1, 1] as const;
export type SortKey = (typeof SORTABLE)[number];

export interface ExplorerQuery {
  q: string;
  state: (typeof STATE_FILTERS)[number] | null;
  range: TimeRange | null;
  sort: { key: SortKey; desc: boolean } | null;
  /** Only traces at least this slow (ms) / this costly (USD). */
  minLatencyMs: (typeof LATENCY_FILTERS)[number] | null;
  minCostUsd: (typeof COST_FILTERS)[number] | null;
  page: number;
  /** The server's page token for `page` (keyset); null on the first page. */
  cursor: string | null;
  pageSize: number;
}

type Params = { get(name: string): string | null };

export function readExplorerQuery(params: Params): ExplorerQuery {
  const state = params.get("state");
  const range = params.get("range");
  const [sortKey, sortDir] = (params.get("sort") ?? "").split(".");
  const latency = Number(params.get("latency"));
  const cost = Number(params.get("cost"));
  const page = Math.max(1, Math.floor(Number(params.get("page"))) || 1);
  const cursor = params.get("cursor");
  return {
    q: params.get("q") ?? "",
    state: (STATE_FILTERS as readonly string[]).includes(state ?? "") ? (state as ExplorerQuery["state"]) : null,
    range: range && range in TIME_RANGES ? (range as TimeRange) : null,
    sort: (SORTABLE as readonly string[]).includes(sortKey ?? "")
      ? { key: sortKey as SortKey, desc: sortDir !== "asc" }
      : null,
    minLatencyMs: (LATENCY_FILTERS as readonly number[]).includes(latency)
      ? (latency as ExplorerQuery["minLatencyMs"])
      : null,
    minCostUsd: (COST_FILTERS as readonly number[]).includes(cost) ? (cost as ExplorerQuery["minCostUsd"]) : null,
    page,
    cursor: page > 1 && cursor && cursor.length <= 1000 ? cursor : null,
    pageSize: (PAGE_SIZES as readonly number[]).includes(Number(params.get("size")))
      ? Number(params.get("size"))
      : PAGE_SIZE,
  };
}

/** Query-string entries for a state (defaults left out so URLs stay short). */
export function explorerQueryParams(q: ExplorerQuery): Record<string, string | null> {
  return {
    q: q.q.trim() ? q.q : null,
    state: q.state,
    range: q.range,
    sort: q.sort ? `${q.sort.key}.${q.sort.desc ? "desc" : "asc"}` : null,
    latency: q.minLatencyMs == null ? null : String(q.minLatencyMs),
    cost: q.minCostUsd == null ? null : String(q.minCostUsd),
    page: q.page > 1 ? String(q.page) : null,
    cursor: q.page > 1 ? q.cursor : null,
    size: q.pageSize !== PAGE_SIZE ? String(q.pageSize) : null,
  };
}

/** The state as a query string ("" for the defaults), e.g. for links that keep the list. */
export function explorerSearchString(q: ExplorerQuery): string {
  const entries = Object.entries(explorerQueryParams(q)).filter((e): e is [string, string] => e[1] != null);
  return new URLSearchParams(entries).toString();
}

/**
 * The MLflow filter for a state. The typed text comes first so the positions in a
 * FilterSyntaxError point into what the user typed. `nowMs` anchors the time range.
 */
export function composeFilter(q: ExplorerQuery, nowMs: number, extra: string[] = []): string {
  const parts = [q.q.trim()].filter(Boolean);
  if (q.state) parts.push(`attributes.status = '${q.state}'`);
  if (q.range) parts.push(`attributes.timestamp_ms >= ${nowMs - TIME_RANGES[q.range]}`);
  if (q.minLatencyMs != null) parts.push(`attributes.execution_time_ms >= ${q.minLatencyMs}`);
  if (q.minCostUsd != null) parts.push(`trace.cost >= ${q.minCostUsd}`);
  return [...parts, ...extra].join(" AND ");
}

export function composeOrderBy(q: ExplorerQuery): string[] {
  return q.sort ? [`${q.sort.key} ${q.sort.desc ? "DESC" : "ASC"}`] : [];
}

/**
 * The page token of a state: its keyset cursor; for a URL with a page number but no cursor
 * (links made before keyset paging) an offset token, MLflow's base64 of {"offset": N}.
 */
export function pageTokenFor(q: Pick<ExplorerQuery, "page" | "pageSize" | "cursor">): string | null {
  if (q.page <= 1) return null;
  return q.cursor ?? btoa(JSON.stringify({ offset: (q.page - 1) * q.pageSize }));
}

/** The state of the page after or before the one shown, from the tokens its answer carried. */
export function neighbourPage(
  q: ExplorerQuery,
  delta: 1 | -1,
  tokens: { nextPageToken?: string; prevPageToken?: string },
): Pick<ExplorerQuery, "page" | "cursor"> {
  const page = Math.max(1, q.page + delta);
  const cursor = delta > 0 ? tokens.nextPageToken : tokens.prevPageToken;
  return { page, cursor: page > 1 ? (cursor ?? null) : null };
}
