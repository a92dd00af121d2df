"use client";

import { ChevronDown, ChevronUp } from "lucide-react";
import type { KeyboardEvent } from "react";

interface Props {
  hasPrev: boolean;
  hasNext: boolean;
  /** 1-based position in the filtered list, when known. */
  position: number | null;
  total?: string | null;
  busy?: boolean;
  onStep: (delta: 1 | -1) => void;
}

/** Previous/next trace buttons of the drawer and the trace page ("12 of 1,234"). */
export function TraceNav({ hasPrev, hasNext, position, total, busy, onStep }: Props) {
  const button =
    "inline-flex items-center gap-1 rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <div className="flex items-center gap-1" data-testid="trace-nav">
      {position != null ? (
        <span className="px-1 text-xs text-slate-500" data-testid="trace-position">
          {position.toLocaleString()}
          {total ? ` of ${total}` : ""}
        </span>
      ) : null}
      <button
        type="button"
        className={button}
        disabled={!hasPrev || busy}
        onClick={() => onStep(-1)}
        aria-label="Previous trace"
        aria-keyshortcuts="k ["
        title="Previous trace (k or [)"
      >
        <ChevronUp aria-hidden className="h-4 w-4" /> Prev
      </button>
      <button
        type="button"
        className={button}
        disabled={!hasNext || busy}
        onClick={() => onStep(1)}
        aria-label="Next trace"
        aria-keyshortcuts="j ]"
        title="Next trace (j or ])"
      >
        <ChevronDown aria-hidden className="h-4 w-4" /> Next
      </button>
    </div>
  );
}

/**
 * `j`/`]` next and `k`/`[` previous trace, unless typing in a field or a widget already used the
 * key (the span tree moves between spans with j/k and marks the event handled).
 */
export function traceNavKeyHandler(onStep: (delta: 1 | -1) => void) {
  return (e: KeyboardEvent | globalThis.KeyboardEvent) => {
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable)) return;
    if (e.key === "j" || e.key === "]") onStep(1);
    else if (e.key === "k" || e.key === "[") onStep(-1);
    else return;
    e.preventDefault();
  };
}
