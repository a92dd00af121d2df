"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/components/ui/api-client";
import type { AssessmentNameDto } from "@/lib/assessments/schemas";
import {
  composeFilter,
  composeOrderBy,
  PAGE_SIZE,
  pageTokenFor,
  type ExplorerQuery,
} from "@/lib/traces/explorer-query";
import type { SearchTracesResult, TraceInfoDto } from "@/lib/traces/schemas";

export interface SearchState {
  traces: TraceInfoDto[];
  hasNext: boolean;
  names: AssessmentNameDto[];
  loading: boolean;
  error: { message: string; position: number | null } | null;
  /** Traces newer than the newest shown that match the current filter (polled). */
  newCount: number;
}

const POLL_MS = 5000;

/** Runs the table's server search for the URL state, and polls for newer traces every 5 s. */
export function useTraceSearch(experimentId: string, query: ExplorerQuery) {
  const [state, setState] = useState<SearchState>({
    traces: [],
    hasNext: false,
    names: [],
    loading: true,
    error: null,
    newCount: 0,
  });
  const [version, setVersion] = useState(0);
  const newest = useRef<number | null>(null);
  const key = JSON.stringify(query);

  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const q = JSON.parse(key) as ExplorerQuery;
    const search = apiFetch<SearchTracesResult>("/api/traces/search", {
      method: "POST",
      json: {
        experimentIds: [experimentId],
        filter: composeFilter(q, Date.now()),
        orderBy: composeOrderBy(q),
        pageToken: pageTokenFor(q.page),
        maxResults: PAGE_SIZE,
      },
    });
    const names = apiFetch<{ names: AssessmentNameDto[] }>(
      `/api/assessments/names?experiment_id=${encodeURIComponent(experimentId)}`,
    );
    Promise.all([search, names])
      .then(([res, n]) => {
        if (cancelled) return;
        newest.current = res.traces.reduce<number | null>(
          (m, t) => (m == null || t.timestampMs > m ? t.timestampMs : m),
          null,
        );
        setState({
          traces: res.traces,
          hasNext: Boolean(res.nextPageToken),
          names: n.names,
          loading: false,
          error: null,
          newCount: 0,
        });
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        const position =
          e instanceof ApiError ? ((e.body as { details?: { position?: number } })?.details?.position ?? null) : null;
        setState((s) => ({
          ...s,
          traces: [],
          hasNext: false,
          loading: false,
          error: { message: (e as Error).message, position },
        }));
      });
    return () => {
      cancelled = true;
    };
  }, [experimentId, key, version]);

  // Polling only asks for traces newer than the newest one shown, so it stays cheap.
  useEffect(() => {
    const timer = window.setInterval(async () => {
      if (document.hidden) return;
      const q = JSON.parse(key) as ExplorerQuery;
      const since = newest.current;
      const extra = since == null ? [] : [`attributes.timestamp_ms > ${since}`];
      try {
        const res = await apiFetch<SearchTracesResult>("/api/traces/search", {
          method: "POST",
          json: { experimentIds: [experimentId], filter: composeFilter(q, Date.now(), extra), maxResults: 100 },
        });
        setState((s) => (s.newCount === res.traces.length ? s : { ...s, newCount: res.traces.length }));
      } catch {
        // A failed poll is retried on the next tick; the table keeps what it shows.
      }
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [experimentId, key]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
