"use client";

import { useCallback, useEffect, useState } from "react";

export interface ColumnPrefs {
  /** Column id → shown; columns not listed use their default. */
  visibility: Record<string, boolean>;
  /** Preferred order of column ids; new columns go after these. */
  order: string[];
}

const EMPTY: ColumnPrefs = { visibility: {}, order: [] };

/** Column show/hide/order for one experiment's traces table, remembered in localStorage. */
export function useColumnPrefs(experimentId: string) {
  const key = `tracelight.traces.columns.${experimentId}`;
  const [prefs, setPrefs] = useState<ColumnPrefs>(EMPTY);
  useEffect(() => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(key) ?? "null") as ColumnPrefs | null;
      setPrefs(
        stored && typeof stored === "object"
          ? { visibility: stored.visibility ?? {}, order: stored.order ?? [] }
          : EMPTY,
      );
    } catch {
      setPrefs(EMPTY);
    }
  }, [key]);
  const update = useCallback(
    (next: ColumnPrefs) => {
      setPrefs(next);
      window.localStorage.setItem(key, JSON.stringify(next));
    },
    [key],
  );
  return [prefs, update] as const;
}
