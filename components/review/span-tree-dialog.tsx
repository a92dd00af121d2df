"use client";

import { useMemo, useState } from "react";
import { SpanContent } from "@/components/traces/content/span-content";
import type { ReviewSpanDto } from "@/lib/labeling/types";

/** Depth-first order under parents (children by start); orphans become roots. */
function ordered(spans: ReviewSpanDto[]): { span: ReviewSpanDto; depth: number }[] {
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map<string | null, ReviewSpanDto[]>();
  for (const s of spans) {
    const parent = s.parent_span_id && ids.has(s.parent_span_id) ? s.parent_span_id : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: { span: ReviewSpanDto; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => a.start_offset_ms - b.start_offset_ms)) {
      out.push({ span: s, depth });
      walk(s.span_id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The full span tree of the trace under review, with the selected span's content beside it. */
export function SpanTreeDialog({
  spans,
  truncated,
  onClose,
}: {
  spans: ReviewSpanDto[];
  truncated: boolean;
  onClose: () => void;
}) {
  const rows = useMemo(() => ordered(spans), [spans]);
  const [selected, setSelected] = useState<string | null>(rows[0]?.span.span_id ?? null);
  const span = spans.find((s) => s.span_id === selected);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label="Span tree"
      className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-6"
      onClick={onClose}
    >
      <div
        className="flex h-full max-h-[85vh] w-full max-w-6xl flex-col overflow-hidden rounded-lg bg-white shadow-xl"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
          <h2 className="text-sm font-semibold">Span tree{truncated ? " (first 500 spans)" : ""}</h2>
          <button
            type="button"
            onClick={onClose}
            className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
          >
            Close <kbd className="rounded border px-1 text-xs">Esc</kbd>
          </button>
        </div>
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(16rem,1fr)_2fr]">
          <ul className="overflow-auto border-r border-slate-200 py-1 text-sm">
            {rows.map(({ span: s, depth }) => (
              <li key={s.span_id}>
                <button
                  type="button"
                  onClick={() => setSelected(s.span_id)}
                  style={{ paddingLeft: 8 + depth * 14 }}
                  className={`flex w-full items-center gap-2 py-1 pr-2 text-left ${selected === s.span_id ? "bg-indigo-50 text-indigo-900" : "hover:bg-slate-50"}`}
                >
                  <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-500">{s.span_type}</span>
                  <span className={`truncate ${s.status_code === "ERROR" ? "text-red-700" : ""}`}>{s.name}</span>
                  <span className="ml-auto text-xs text-slate-400">
                    {s.duration_ms == null ? "" : `${Math.round(s.duration_ms)} ms`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="overflow-auto p-4">
            {span ? (
              <SpanContent
                key={span.span_id}
                spanType={span.span_type}
                spanName={span.name}
                inputs={span.inputs}
                outputs={span.outputs}
                messageFormat={span.message_format}
              />
            ) : (
              <p className="text-sm text-slate-500">This trace has no spans.</p>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
