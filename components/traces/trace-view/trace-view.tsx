"use client";

import { useCallback, useMemo, useState } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { errorMessage } from "@/components/ui/api-client";
import { AssessmentsPanel } from "@/components/assessments/assessments-panel";
import { formatDuration } from "@/components/traces/table/trace-columns";
import { formatUsd } from "@/lib/costs/match-price";
import { SpanDetail, SpanDetailPending } from "./span-detail";
import { SpanTree } from "./span-tree";
import { TraceSummary } from "./trace-summary";
import { useSpanSelection } from "./use-span-selection";
import { useSpan, useTrace } from "./use-trace";

interface Props {
  experimentId: string;
  traceId: string;
  spanId: string | null;
  canEdit: boolean;
  onSelectSpan: (spanId: string | null) => void;
}

/** One trace: header, Summary / Details & Timeline tabs, and the assessments panel on the right. */
export function TraceView({ experimentId, traceId, spanId: urlSpanId, canEdit, onSelectSpan }: Props) {
  const { data, error } = useTrace(traceId);
  const [spanId, selectSpan] = useSpanSelection(urlSpanId, onSelectSpan);
  const [tab, setTab] = useState<"details" | "summary">("details");
  const assessmentCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of data?.info.assessments ?? []) if (a.spanId && a.valid) m.set(a.spanId, (m.get(a.spanId) ?? 0) + 1);
    return m;
  }, [data]);
  // One span object for the selected span and one for the root: a 50,000-span trace stays columns.
  const tree = data?.tree;
  const selectedIndex = spanId && tree ? tree.indexOf(spanId) : -1;
  const selected = useMemo(
    () => (tree && selectedIndex >= 0 ? tree.summary(selectedIndex) : null),
    [tree, selectedIndex],
  );
  const root = useMemo(() => (tree && tree.root >= 0 ? tree.summary(tree.root) : undefined), [tree]);
  const shown = selected ?? root;
  const spanName = useCallback(
    (id: string) => {
      const i = tree ? tree.indexOf(id) : -1;
      return i >= 0 ? tree!.name(i) : undefined;
    },
    [tree],
  );
  // Span content loads on demand: the shown span's, and the root's for the summary.
  const shownContent = useSpan(traceId, shown?.spanId);
  const rootContent = useSpan(traceId, tab === "summary" ? root?.spanId : null);
  if (error)
    return (
      <p role="alert" className="p-4 text-sm text-red-700">
        Could not load this trace: {errorMessage(error)}
      </p>
    );
  if (!data)
    return (
      <p role="status" className="animate-pulse p-4 text-sm text-slate-500">
        Loading trace…
      </p>
    );
  const { info } = data;
  const detail = shown ? (
    shownContent.data?.spanId === shown.spanId ? (
      <SpanDetail span={shownContent.data} />
    ) : (
      <SpanDetailPending span={shown} error={shownContent.error ? errorMessage(shownContent.error) : null} />
    )
  ) : null;

  return (
    <Tabs
      value={tab}
      onValueChange={(v) => setTab(v as "details" | "summary")}
      className="flex h-full min-h-0 flex-col"
      data-testid="trace-view"
    >
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm">
        <h2 className="font-semibold text-slate-900">{info.name ?? "Trace"}</h2>
        <span className="font-mono text-xs text-slate-500">{info.traceId}</span>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-medium ${info.state === "ERROR" ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-700"}`}
        >
          {info.state}
        </span>
        <span className="text-xs text-slate-500">{new Date(info.timestampMs).toLocaleString()}</span>
        <span className="text-xs text-slate-500">{formatDuration(info.executionTimeMs)}</span>
        {info.totalTokens != null ? <span className="text-xs text-slate-500">{info.totalTokens} tokens</span> : null}
        <span className="text-xs text-slate-500">{info.spanCount} spans</span>
        {info.costUsd != null ? (
          <span
            className="text-xs text-slate-500"
            data-testid="trace-cost"
            title="Estimated from the spans' token usage and the price table (Settings)"
          >
            {formatUsd(info.costUsd)}
          </span>
        ) : null}
        <TabsList aria-label="Trace views" className="ml-auto">
          <TabsTrigger value="summary">Summary</TabsTrigger>
          <TabsTrigger value="details">Details &amp; Timeline</TabsTrigger>
        </TabsList>
      </header>
      <div className="flex min-h-0 flex-1">
        <TabsContent value="summary" className="min-w-0 flex-1 overflow-auto">
          {rootContent.isPending && root ? (
            <p role="status" className="animate-pulse p-4 text-sm text-slate-500">
              Loading the root span…
            </p>
          ) : (
            <TraceSummary root={rootContent.data} info={info} />
          )}
        </TabsContent>
        <TabsContent value="details" className="flex min-w-0 flex-[8] data-[state=inactive]:hidden">
          <div className="min-w-0 flex-1 border-r border-slate-200">
            {data.tree.size === 0 ? (
              <p className="p-4 text-sm text-slate-500">No spans were recorded for this trace yet.</p>
            ) : (
              <SpanTree
                tree={data.tree}
                selectedSpanId={shown?.spanId ?? null}
                onSelect={selectSpan}
                assessmentCounts={assessmentCounts}
              />
            )}
          </div>
          <div className="min-w-0 flex-1 border-r border-slate-200">{detail}</div>
        </TabsContent>
        <aside className="w-80 shrink-0 overflow-y-auto xl:w-96" aria-label="Assessments">
          <AssessmentsPanel
            experimentId={experimentId}
            traceId={info.traceId}
            assessments={info.assessments}
            spanName={spanName}
            selectedSpan={selected}
            canEdit={canEdit}
          />
        </aside>
      </div>
    </Tabs>
  );
}
