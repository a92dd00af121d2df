"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { neighbourPage, type ExplorerQuery } from "@/lib/traces/explorer-query";
import type { TraceInfoDto } from "@/lib/traces/schemas";
import { traceSearchOptions } from "./use-trace-search";

export interface TraceStep {
  traceId: string;
  /** The table page the trace is on (the next or previous one at a page's edge), and its token. */
  page: number;
  cursor: string | null;
}

/**
 * Previous/next trace within the current filtered, sorted list: the rows of the page shown,
 * and across a page edge the first (or last) row of the neighbouring page, fetched through the
 * table's own cache entry. `step` resolves to null at either end of the list (or when `from` is not
 * on the page shown).
 */
export function useTraceNeighbors(
  experimentId: string,
  query: ExplorerQuery,
  traces: TraceInfoDto[],
  tokens: { nextPageToken?: string; prevPageToken?: string },
  traceId: string | null,
) {
  const hasNextPage = Boolean(tokens.nextPageToken);
  const client = useQueryClient();
  const index = traceId ? traces.findIndex((t) => t.traceId === traceId) : -1;
  const hasPrev = index > 0 || (index === 0 && query.page > 1);
  const hasNext = index >= 0 && (index < traces.length - 1 || hasNextPage);
  const step = useCallback(
    async (delta: 1 | -1, from: string | null): Promise<TraceStep | null> => {
      const index = from ? traces.findIndex((t) => t.traceId === from) : -1;
      if (index < 0) return null;
      const j = index + delta;
      if (j >= 0 && j < traces.length) return { traceId: traces[j]!.traceId, page: query.page, cursor: query.cursor };
      if (delta > 0 ? !hasNextPage : query.page <= 1) return null;
      const to = neighbourPage(query, delta, tokens);
      const result = await client.fetchQuery(traceSearchOptions(experimentId, { ...query, ...to }));
      const t = delta > 0 ? result.traces[0] : result.traces.at(-1);
      return t ? { traceId: t.traceId, ...to } : null;
    },
    [client, experimentId, query, traces, hasNextPage, tokens],
  );
  const position = index < 0 ? null : (query.page - 1) * query.pageSize + index + 1;
  return { hasPrev, hasNext, step, position };
}

/**
 * Stepping with the keyboard or the buttons: one step at a time, each from the trace the last step
 * went to. Both are refs, not state: a key pressed right after the URL changed reaches a handler of
 * the render before (React re-renders later), which must neither drop the key as "still busy" nor
 * step from the trace shown before.
 */
export function useTraceStepper(
  neighbors: ReturnType<typeof useTraceNeighbors>,
  traceId: string | null,
  go: (to: TraceStep) => void,
) {
  const [busy, setBusy] = useState(false);
  const pending = useRef(false);
  const current = useRef(traceId);
  useEffect(() => {
    current.current = traceId;
  }, [traceId]);
  const stepTrace = (delta: 1 | -1) => {
    if (pending.current) return;
    pending.current = true;
    setBusy(true);
    neighbors
      .step(delta, current.current)
      .then((to) => {
        if (!to) return;
        current.current = to.traceId;
        go(to);
      })
      .finally(() => {
        pending.current = false;
        setBusy(false);
      });
  };
  return { busy, stepTrace };
}
