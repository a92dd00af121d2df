"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { formatDuration } from "@/components/traces/table/trace-columns";
import { criticalPath, hasChildren, layoutTree, rowTiming, type SpanTreeModel } from "@/lib/traces/span-tree-model";
import { timeAxisTicks } from "@/lib/traces/timeline";
import { SpanTypeIcon } from "./span-type-icon";

interface Props {
  tree: SpanTreeModel;
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
  /** Number of assessments per span id, shown as a badge. */
  assessmentCounts: Map<string, number>;
}

const ROW_HEIGHT = 28;
/** The sticky time axis above the rows; the virtualiser offsets the rows by it (scrollMargin). */
const AXIS_HEIGHT = 24;

/**
 * The span tree with a waterfall beside it, on a time axis with ticks; the spans of the critical
 * path (what the trace's end waited on) are drawn in amber and say so to screen readers. Only the visible rows are rendered
 * (@tanstack/react-virtual), so traces with thousands of spans scroll smoothly. Keys: j/k or
 * arrows move the selection, PageUp/PageDown by a screenful, Home/End to the first/last span,
 * left/right collapse and expand.
 */
export function SpanTree({ tree: model, selectedSpanId, onSelect, assessmentCounts }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const tree = useMemo(() => layoutTree(model, collapsed), [model, collapsed]);
  const rowCount = tree.order.length;
  // Over all spans, not only the expanded rows, so collapsing never changes which spans it marks.
  const critical = useMemo(() => new Set(criticalPath(model)), [model]);
  const ticks = useMemo(() => timeAxisTicks(tree.totalMs), [tree.totalMs]);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    scrollMargin: AXIS_HEIGHT,
    scrollPaddingStart: AXIS_HEIGHT,
  });
  const selectedSpan = selectedSpanId ? model.indexOf(selectedSpanId) : -1;
  const selectedIndex = selectedSpan < 0 ? -1 : tree.order.indexOf(selectedSpan);

  // Scroll a newly selected span into view, but not when expanding or collapsing rows above it
  // merely shifts its index: the view should stay on the node just toggled.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex < 0 || scrolledTo.current === selectedSpanId) return;
    scrolledTo.current = selectedSpanId;
    virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedSpanId, selectedIndex, virtualizer]);

  const toggle = (id: string, open?: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? next.has(id);
      if (shouldOpen) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = (d: number) => {
      if (!rowCount) return;
      const row = Math.min(rowCount - 1, Math.max(0, (selectedIndex < 0 ? 0 : selectedIndex) + d));
      onSelect(model.spanId(tree.order[row]!));
    };
    const page = Math.max(1, Math.floor((parent.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    if (e.key === "j" || e.key === "ArrowDown") move(1);
    else if (e.key === "k" || e.key === "ArrowUp") move(-1);
    else if (e.key === "PageDown") move(page);
    else if (e.key === "PageUp") move(-page);
    else if (e.key === "Home") move(-rowCount);
    else if (e.key === "End") move(rowCount);
    else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && selectedSpanId)
      toggle(selectedSpanId, e.key === "ArrowRight");
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={parent}
      tabIndex={0}
      onKeyDown={onKeyDown}
      role="tree"
      aria-label="Spans"
      className="h-full overflow-auto focus:outline-none"
      data-testid="span-tree"
    >
      <div
        className="sticky top-0 z-10 flex items-center gap-2 border-b border-slate-200 bg-white px-2 text-[10px] text-slate-500"
        style={{ height: AXIS_HEIGHT }}
        data-testid="timeline-axis"
      >
        <div className="flex w-1/2 min-w-0 items-center gap-1">
          <span className="inline-block h-2 w-3 rounded-sm bg-amber-500" aria-hidden />
          <span>Critical path ({critical.size} spans)</span>
        </div>
        <div className="relative h-full flex-1" role="presentation">
          {ticks.map((t) => (
            <span
              key={t.ms}
              data-testid="timeline-tick"
              className="absolute top-0 flex h-full items-center border-l border-slate-300 pl-0.5 tabular-nums"
              style={{ left: `${t.percent}%`, transform: t.percent > 90 ? "translateX(-100%)" : undefined }}
            >
              {t.label}
            </span>
          ))}
        </div>
        <span className="w-16 shrink-0 text-right">Duration</span>
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const i = tree.order[item.index]!;
          const s = { spanId: model.spanId(i), name: model.name(i), spanType: model.spanType(i) };
          const row = { depth: tree.depth[item.index]!, hasChildren: hasChildren(model, i), ...rowTiming(model, i) };
          const selected = i === selectedSpan;
          const error = model.statusCode(i) === "ERROR";
          const left = (row.offsetMs / tree.totalMs) * 100;
          const width = Math.max(((row.durationMs ?? 0) / tree.totalMs) * 100, 0.5);
          const count = assessmentCounts.get(s.spanId) ?? 0;
          const onPath = critical.has(i);
          return (
            <div
              key={s.spanId}
              role="treeitem"
              aria-selected={selected}
              aria-expanded={row.hasChildren ? !collapsed.has(s.spanId) : undefined}
              data-testid="span-row"
              data-span-name={s.name}
              data-critical-path={onPath ? "true" : undefined}
              onClick={() => onSelect(s.spanId)}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                width: "100%",
                height: ROW_HEIGHT,
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              }}
              className={`flex cursor-pointer items-center gap-2 border-b border-slate-50 px-2 text-xs ${selected ? "bg-indigo-100" : "hover:bg-slate-50"}`}
            >
              <div
                className="flex w-1/2 min-w-0 items-center gap-1"
                style={{ paddingLeft: Math.min(row.depth, 40) * 12 }}
              >
                {row.hasChildren ? (
                  <button
                    type="button"
                    aria-label={collapsed.has(s.spanId) ? "Expand" : "Collapse"}
                    className="w-3 text-slate-500"
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(s.spanId);
                    }}
                  >
                    {collapsed.has(s.spanId) ? (
                      <ChevronRight aria-hidden className="size-3" />
                    ) : (
                      <ChevronDown aria-hidden className="size-3" />
                    )}
                  </button>
                ) : (
                  <span className="w-3" />
                )}
                <SpanTypeIcon spanType={s.spanType} />
                <span className={`truncate ${error ? "font-medium text-red-700" : "text-slate-800"}`}>{s.name}</span>
                {onPath ? <span className="sr-only">(on the critical path)</span> : null}
                {error ? (
                  <span className="shrink-0 rounded bg-red-100 px-1 text-[10px] text-red-700">error</span>
                ) : null}
                {count ? (
                  <span
                    className="shrink-0 rounded bg-indigo-100 px-1 text-[10px] text-indigo-700"
                    data-testid="span-assessment-count"
                    title="Assessments on this span"
                  >
                    {count}
                  </span>
                ) : null}
              </div>
              <div className="relative h-3 flex-1 rounded bg-slate-50" aria-hidden>
                {ticks.map((t) => (
                  <span
                    key={t.ms}
                    className="absolute top-0 h-3 border-l border-slate-200"
                    style={{ left: `${t.percent}%` }}
                  />
                ))}
                <div
                  className={`absolute top-0 h-3 rounded ${error ? "bg-red-400" : onPath ? "bg-amber-500" : "bg-indigo-400"}`}
                  style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
                />
              </div>
              <span className="w-16 shrink-0 text-right tabular-nums text-slate-600">
                {formatDuration(row.durationMs)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
