"use client";

import { useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/components/ui/api-client";

/** GETs `url` (refetching when it changes, and every `pollMs` while `poll` holds). */
export function useApi<T>(url: string | null, opts: { pollMs?: number; poll?: (data: T) => boolean } = {}) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const { pollMs, poll } = opts;
  useEffect(() => {
    if (!url) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const d = await apiFetch<T>(url);
        if (stop) return;
        setData(d);
        setError(null);
        if (pollMs && poll?.(d)) timer = setTimeout(load, pollMs);
      } catch (e) {
        if (!stop) setError((e as Error).message);
      }
    };
    void load();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
    // `poll` is a predicate the caller re-creates each render; the url and tick decide refetches.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, tick, pollMs]);
  return { data, error, reload };
}
