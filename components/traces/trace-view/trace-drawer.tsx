"use client";

import { useEffect } from "react";
import Link from "next/link";
import { TraceView } from "./trace-view";

interface Props {
  experimentId: string;
  traceId: string;
  spanId: string | null;
  canEdit: boolean;
  onSelectSpan: (spanId: string | null) => void;
  onClose: () => void;
  onAssessmentsChanged: () => void;
}

/** The trace view over the table (Escape closes it), driven by `?trace=` and `?span=` in the URL. */
export function TraceDrawer({
  experimentId,
  traceId,
  spanId,
  canEdit,
  onSelectSpan,
  onClose,
  onAssessmentsChanged,
}: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (e.key === "Escape" && tag !== "INPUT" && tag !== "TEXTAREA" && tag !== "SELECT") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-30 flex justify-end bg-slate-900/20" onClick={onClose}>
      <div
        role="dialog"
        aria-label="Trace"
        className="flex h-full w-[92vw] max-w-[1600px] flex-col bg-white shadow-2xl"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="flex items-center justify-end gap-3 border-b border-slate-100 px-4 py-1 text-xs">
          <Link
            className="text-indigo-600 hover:underline"
            href={`/experiments/${experimentId}/traces/${traceId}${spanId ? `?span=${spanId}` : ""}`}
          >
            Open in its own page
          </Link>
          <button
            type="button"
            aria-label="Close trace"
            className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
            onClick={onClose}
          >
            ✕ Close (Esc)
          </button>
        </div>
        <div className="min-h-0 flex-1">
          <TraceView
            experimentId={experimentId}
            traceId={traceId}
            spanId={spanId}
            canEdit={canEdit}
            onSelectSpan={onSelectSpan}
            onAssessmentsChanged={onAssessmentsChanged}
          />
        </div>
      </div>
    </div>
  );
}
