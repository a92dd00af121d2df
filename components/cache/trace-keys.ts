import type { ExplorerQuery } from "@/lib/traces/explorer-query";

/**
 * Query keys of the traces cache. They live below the feature folders because more than one of them
 * reads or writes these entries (the explorer, the assessments panel's optimistic updates), and a
 * feature folder importing another's keys in both directions would make a folder loop.
 * Lists are keyed under `["traces", "search", experimentId]` so one
 * invalidation refreshes every page and filter of an experiment; a trace's detail under its id.
 */
export const traceKeys = {
  all: ["traces"] as const,
  searches: (experimentId: string) => ["traces", "search", experimentId] as const,
  search: (experimentId: string, query: ExplorerQuery) => ["traces", "search", experimentId, query] as const,
  newer: (experimentId: string, query: ExplorerQuery, since: number | null) =>
    ["traces", "newer", experimentId, query, since] as const,
  detail: (traceId: string) => ["traces", "detail", traceId] as const,
  /** One span's content, loaded on selection (not under `detail`, so assessment changes do not refetch it). */
  span: (traceId: string, spanId: string) => ["traces", "span", traceId, spanId] as const,
};
