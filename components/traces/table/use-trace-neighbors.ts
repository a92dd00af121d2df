"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ExplorerQuery } from "@/lib/traces/explorer-query";
import type { TraceInfoDto } from "@/lib/traces/schemas";
import { traceSearchOptions } from "./use-trace-search";

export interface TraceStep {
  traceId: string;
  /** The table page the trace is on (the next or previous one at a page's edge). */
  page: number;
}

/**
 * Previous/next trace within the current filtered, sorted list: the rows of the page shown,
 * and across a page edge the first (or last) row of the neighbouring page, fetched through the
 * table's own cache entry. `step` resolves to null at either end of the list.
 */
export function useTraceNeighbors(
  experimentId: string,
  query: ExplorerQuery,
  traces: TraceInfoDto[],
  hasNextPage: boolean,
  traceId: string | null,
) {
  const client = useQueryClient();
  const index = traceId ? traces.findIndex((t) => t.traceId === traceId) : -1;
  const hasPrev = index > 0 || (index === 0 && query.page > 1);
  const hasNext = index >= 0 && (index < traces.length - 1 || hasNextPage);
  const step = useCallback(
    async (delta: 1 | -1): Promise<TraceStep | null> => {
      if (index < 0) return null;
      const j = index + delta;
      if (j >= 0 && j < traces.length) return { traceId: traces[j]!.traceId, page: query.page };
      if (delta > 0 ? !hasNextPage : query.page <= 1) return null;
      const page = query.page + delta;
      const result = await client.fetchQuery(traceSearchOptions(experimentId, { ...query, page }));
      const t = delta > 0 ? result.traces[0] : result.traces.at(-1);
      return t ? { traceId: t.traceId, page } : null;
    },
    [client, experimentId, query, traces, index, hasNextPage],
  );
  const position = index < 0 ? null : (query.page - 1) * query.pageSize + index + 1;
  return { hasPrev, hasNext, step, position };
}
