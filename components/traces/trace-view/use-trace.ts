"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/ui/api-client";
import type { TraceWithSpansDto } from "@/lib/traces/schemas";

/** Loads one trace with its spans and assessments; `reload` refetches after an edit. */
export function useTrace(traceId: string) {
  const [data, setData] = useState<TraceWithSpansDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    apiFetch<TraceWithSpansDto>(`/api/traces/${encodeURIComponent(traceId)}`)
      .then((d) => {
        if (!cancelled) {
          setData(d);
          setError(null);
        }
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [traceId, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: data?.info.traceId === traceId ? data : null, error, reload };
}
