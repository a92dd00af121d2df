"use client";

import { useCallback, useState } from "react";

/**
 * The selected span, optimistically ahead of the URL. Selecting updates `?span=` through the
 * router, which lands a round-trip later; reading the selection from the URL alone made fast
 * j/k presses in a big tree move from a stale row and lose steps. Our own requests are kept
 * until the URL reaches them, so intermediate URL updates don't pull the selection back;
 * any other URL change (back/forward, a shared link) wins and clears them.
 */
export function useSpanSelection(urlSpanId: string | null, onSelectSpan: (spanId: string | null) => void) {
  const [requested, setRequested] = useState<(string | null)[]>([]);
  const [seenUrl, setSeenUrl] = useState(urlSpanId);
  if (seenUrl !== urlSpanId) {
    // Adjusting state while rendering (React's "storing information from previous renders").
    setSeenUrl(urlSpanId);
    const i = requested.indexOf(urlSpanId);
    setRequested(i < 0 || requested[requested.length - 1] === urlSpanId ? [] : requested.slice(i + 1));
  }
  const current = requested.length > 0 ? requested[requested.length - 1]! : urlSpanId;
  const select = useCallback(
    (spanId: string | null) => {
      // Re-selecting the current span leaves the URL as it is, so nothing would ever clear it.
      if (spanId === current) return;
      setRequested((r) => [...r, spanId]);
      onSelectSpan(spanId);
    },
    [current, onSelectSpan],
  );
  return [current, select] as const;
}
