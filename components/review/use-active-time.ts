"use client";

import { useEffect, useRef } from "react";
import { ACTIVE_INPUT_WINDOW_MS, HEARTBEAT_INTERVAL_MS, MAX_HEARTBEAT_MS } from "@/lib/labeling/throughput/active-time";

const TICK_MS = 1000;
const INPUT_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "scroll", "input"] as const;

/**
 * Counts the reviewer's active time on the item shown: a second counts when the tab is
 * visible and focused and there was input in the last ACTIVE_INPUT_WINDOW_MS. The count goes
 * to the server every HEARTBEAT_INTERVAL_MS, and when the item changes or the page is hidden
 * (so a submit, skip or closed tab does not lose the last seconds).
 */
export function useActiveTime(sessionId: string, itemId: string | null) {
  const lastInput = useRef(0);
  const pending = useRef(0);
  useEffect(() => {
    if (!itemId) return;
    const url = `/api/labeling/sessions/${sessionId}/items/${itemId}/active-time`;
    lastInput.current = Date.now();
    const flush = () => {
      const ms = Math.min(pending.current, MAX_HEARTBEAT_MS);
      pending.current = 0;
      if (ms <= 0) return;
      // keepalive lets the report leave while the page unloads; errors are not worth a message.
      void fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ activeMs: ms }),
        keepalive: true,
      }).catch(() => undefined);
    };
    const onInput = () => {
      lastInput.current = Date.now();
    };
    const tick = setInterval(() => {
      const active =
        document.visibilityState === "visible" &&
        document.hasFocus() &&
        Date.now() - lastInput.current <= ACTIVE_INPUT_WINDOW_MS;
      if (active) pending.current += TICK_MS;
    }, TICK_MS);
    const beat = setInterval(flush, HEARTBEAT_INTERVAL_MS);
    const onHide = () => {
      if (document.visibilityState === "hidden") flush();
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    document.addEventListener("visibilitychange", onHide);
    return () => {
      clearInterval(tick);
      clearInterval(beat);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
      document.removeEventListener("visibilitychange", onHide);
      flush();
    };
  }, [sessionId, itemId]);
}
