"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/ui/api-client";

/** GETs `url` (refetching when it changes, and every `pollMs` while `poll` holds). */
export function useApi<T>(url: string | null, opts: { pollMs?: number; poll?: (data: T) => boolean } = {}) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const { pollMs, poll } = opts;
  // `poll` is a predicate the caller re-creates each render: read the latest one through a ref so
  // only the url, reload ticks and the interval decide refetches.
  const pollRef = useRef(poll);
  useEffect(() => {
    pollRef.current = poll;
  });
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
        if (pollMs && pollRef.current?.(d)) timer = setTimeout(load, pollMs);
      } catch (e) {
        if (!stop) setError((e as Error).message);
      }
    };
    void load();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [url, tick, pollMs]);
  return { data, error, reload };
}
