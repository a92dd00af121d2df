"use client";

import { useMemo, useState } from "react";
import { SpanContent } from "@/components/traces/content/span-content";
import { SpanTypeIcon } from "@/components/traces/trace-view/span-type-icon";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import type { ReviewSpanDto } from "@/lib/labeling/types";
import { buildSpanTree } from "@/lib/traces/span-tree";

/**
 * The full span tree of the trace under review, with the selected span's content beside it. The rows
 * come from the explorer's tree builder (`buildSpanTree`), as review spans are the explorer's span type.
 */
export function SpanTreeDialog({
  spans,
  truncated,
  open,
  onOpenChange,
}: {
  spans: ReviewSpanDto[];
  truncated: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { rows } = useMemo(() => buildSpanTree(spans), [spans]);
  const [selected, setSelected] = useState<string | null>(null);
  const span = spans.find((s) => s.spanId === (selected ?? rows[0]?.span.spanId));
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={`Span tree${truncated ? " (first 500 spans)" : ""}`}
        className="flex h-[85vh] !w-[min(95vw,72rem)] flex-col"
      >
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(16rem,1fr)_2fr]">
          <ul aria-label="Spans" className="overflow-auto border-r border-slate-200 py-1 text-sm">
            {rows.map(({ span: s, depth, durationMs }) => (
              <li key={s.spanId}>
                <button
                  type="button"
                  aria-current={span?.spanId === s.spanId ? "true" : undefined}
                  onClick={() => setSelected(s.spanId)}
                  style={{ paddingLeft: 8 + depth * 14 }}
                  className={`flex w-full items-center gap-2 py-1 pr-2 text-left ${span?.spanId === s.spanId ? "bg-indigo-50 text-indigo-900" : "hover:bg-slate-50"}`}
                >
                  <SpanTypeIcon spanType={s.spanType} />
                  <span className={`truncate ${s.statusCode === "ERROR" ? "text-red-700" : ""}`}>{s.name}</span>
                  <span className="ml-auto text-xs text-slate-500">
                    {durationMs == null ? "" : `${Math.round(durationMs)} ms`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="overflow-auto p-4">
            {span ? (
              <SpanContent
                key={span.spanId}
                spanType={span.spanType}
                spanName={span.name}
                inputs={span.inputs}
                outputs={span.outputs}
                messageFormat={span.messageFormat}
              />
            ) : (
              <p className="text-sm text-slate-500">This trace has no spans.</p>
            )}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
