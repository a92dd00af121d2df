"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

export interface ColumnPrefs {
  /** Column id → shown; columns not listed use their default. */
  visibility: Record<string, boolean>;
  /** Preferred order of column ids; new columns go after these. */
  order: string[];
}

const EMPTY: ColumnPrefs = { visibility: {}, order: [] };

// localStorage is an external store: reading it through useSyncExternalStore gives the server
// render (and hydration) EMPTY and the browser the stored value, without a state copy to sync.
const listeners = new Set<() => void>();
function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

function readItem(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: behave as if nothing was saved
  }
}

function parsePrefs(raw: string | null): ColumnPrefs {
  try {
    const stored = JSON.parse(raw ?? "null") as ColumnPrefs | null;
    return stored && typeof stored === "object"
      ? { visibility: stored.visibility ?? {}, order: stored.order ?? [] }
      : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Column show/hide/order for one experiment's traces table, remembered in localStorage. */
export function useColumnPrefs(experimentId: string) {
  const key = `tracelight.traces.columns.${experimentId}`;
  const raw = useSyncExternalStore(
    subscribe,
    () => readItem(key),
    () => null,
  );
  const prefs = useMemo(() => parsePrefs(raw), [raw]);
  const update = useCallback(
    (next: ColumnPrefs) => {
      window.localStorage.setItem(key, JSON.stringify(next));
      for (const notify of listeners) notify();
    },
    [key],
  );
  return [prefs, update] as const;
}
