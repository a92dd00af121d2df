"use client";

import { keepPreviousData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { assessmentKeys } from "@/components/assessments/query-keys";
import { useAssessmentNames } from "@/components/assessments/use-assessment-names";
import { traceKeys } from "@/components/cache/trace-keys";
import { ApiError, api } from "@/components/ui/api-client";
import { composeFilter, composeOrderBy, pageTokenFor, type ExplorerQuery } from "@/lib/traces/explorer-query";
import type { CountTracesResult, SearchTracesResult } from "@/lib/traces/schemas";

const POLL_MS = 5000;

/**
 * One page of the table for a URL state. Shared by the table and by previous/next in the drawer
 * and on the trace page, which fetch the neighbouring page through the same cache entry.
 */
export function traceSearchOptions(experimentId: string, query: ExplorerQuery) {
  return queryOptions({
    queryKey: traceKeys.search(experimentId, query),
    queryFn: ({ signal }) =>
      fetchSearch(
        {
          experimentIds: [experimentId],
          filter: composeFilter(query, Date.now()),
          orderBy: composeOrderBy(query),
          pageToken: pageTokenFor(query),
          maxResults: query.pageSize,
        },
        signal,
      ),
  });
}

/** How many traces match (exact up to 10,000); the count does not depend on sort or page. */
export function useTraceCount(experimentId: string, query: ExplorerQuery) {
  const countQuery = { ...query, sort: null, page: 1, pageSize: 0 };
  return useQuery({
    queryKey: [...traceKeys.searches(experimentId), "count", countQuery] as const,
    queryFn: ({ signal }) =>
      api.post<CountTracesResult>(
        "/api/traces/count",
        { experimentIds: [experimentId], filter: composeFilter(query, Date.now()) },
        signal,
      ),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Runs the table's server search for the URL state, and polls for newer traces every 5 s. */
export function useTraceSearch(experimentId: string, query: ExplorerQuery) {
  const client = useQueryClient();
  const search = useQuery({
    ...traceSearchOptions(experimentId, query),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const names = useAssessmentNames(experimentId);
  const tokens = useMemo(
    () =>
      search.isError ? {} : { nextPageToken: search.data?.nextPageToken, prevPageToken: search.data?.prevPageToken },
    [search.isError, search.data],
  );
  const traces = useMemo(() => (search.isError ? [] : (search.data?.traces ?? [])), [search.isError, search.data]);
  const newest = useMemo(
    () => traces.reduce<number | null>((m, t) => (m == null || t.timestampMs > m ? t.timestampMs : m), null),
    [traces],
  );
  // Polling only asks for traces newer than the newest one shown, so it stays cheap; the query client
  // pauses it while the tab is hidden.
  const newer = useQuery({
    queryKey: traceKeys.newer(experimentId, query, newest),
    queryFn: ({ signal }) =>
      fetchSearch(
        {
          experimentIds: [experimentId],
          filter: composeFilter(query, Date.now(), newest == null ? [] : [`attributes.timestamp_ms > ${newest}`]),
          maxResults: 100,
        },
        signal,
      ),
    enabled: search.isSuccess && !search.isPlaceholderData,
    refetchInterval: POLL_MS,
    // The first answer comes one interval after the table loaded, as the table itself is the newest view.
    initialData: { traces: [] } as SearchTracesResult,
    initialDataUpdatedAt: () => Date.now(),
    staleTime: POLL_MS,
    retry: false,
  });

  const err = search.error;
  const error = err
    ? {
        message: err.message,
        position:
          err instanceof ApiError
            ? ((err.body as { details?: { position?: number } })?.details?.position ?? null)
            : null,
      }
    : null;
  const reload = useCallback(() => {
    void client.invalidateQueries({ queryKey: traceKeys.searches(experimentId) });
    void client.invalidateQueries({ queryKey: assessmentKeys.names(experimentId) });
  }, [client, experimentId]);
  return {
    traces,
    hasNext: !search.isError && Boolean(search.data?.nextPageToken),
    tokens,
    names: names.data ?? [],
    loading: search.isFetching && (search.isPlaceholderData || !search.data),
    error,
    newCount: search.isFetching ? 0 : (newer.data?.traces.length ?? 0),
    reload,
  };
}

function fetchSearch(body: Record<string, unknown>, signal: AbortSignal) {
  return api.post<SearchTracesResult>("/api/traces/search", body, signal);
}
