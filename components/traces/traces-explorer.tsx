"use client";

import { useCallback, useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import type { RowSelectionState } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { explorerQueryParams, readExplorerQuery, type ExplorerQuery, type SortKey } from "@/lib/traces/explorer-query";
import { ColumnSettings } from "./table/column-settings";
import { SelectionActions } from "./table/selection-actions";
import { buildTraceColumns } from "./table/trace-columns";
import { TracesTable } from "./table/traces-table";
import { TracesToolbar } from "./table/traces-toolbar";
import { useColumnPrefs } from "./table/use-column-prefs";
import { useTraceSearch } from "./table/use-trace-search";
import { TraceDrawer } from "./trace-view/trace-drawer";

/**
 * The traces screen: filter box and quick filters, the server-paged table, selection actions
 * and the trace view drawer. Everything that defines the view lives in the URL.
 */
export function TracesExplorer({ experimentId, canEdit }: { experimentId: string; canEdit: boolean }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = useMemo(() => readExplorerQuery(params), [params]);
  const openTraceId = params.get("trace");
  const spanId = params.get("span");
  const { traces, hasNext, names, loading, error, newCount, reload } = useTraceSearch(experimentId, query);
  const [prefs, setPrefs] = useColumnPrefs(experimentId);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const columns = useMemo(() => buildTraceColumns(names), [names]);

  const setParams = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v == null || v === "") next.delete(k);
        else next.set(k, v);
      }
      const s = next.toString();
      // The URL only carries client state (filter, page, open trace and span); the server page
      // does not read it, so the history entry is replaced without a server round trip
      // (Next.js keeps useSearchParams in step with history.replaceState).
      window.history.replaceState(null, "", s ? `${pathname}?${s}` : pathname);
    },
    [params, pathname],
  );
  const update = (patch: Partial<ExplorerQuery>) => setParams(explorerQueryParams({ ...query, ...patch }));
  const onSort = (key: SortKey) =>
    update({ sort: query.sort?.key === key ? { key, desc: !query.sort.desc } : { key, desc: true }, page: 1 });

  // A new search clears the selection so actions never hit rows that are no longer shown
  // (adjusted while rendering, so no render shows the old selection with the new rows).
  const [selectionFor, setSelectionFor] = useState(query);
  if (selectionFor !== query) {
    setSelectionFor(query);
    setSelection({});
  }
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  const filtered = Boolean(query.q || query.state || query.range || query.minLatencyMs || query.minCostUsd);

  return (
    <div>
      <TracesToolbar query={query} error={error} onChange={update} />
      <div className="mb-2 flex items-center justify-between gap-2 text-sm">
        <div className="flex items-center gap-3 text-slate-600">
          {loading ? (
            <span role="status" className="animate-pulse">
              Loading traces…
            </span>
          ) : (
            <span data-testid="trace-count">
              {traces.length} trace{traces.length === 1 ? "" : "s"} on page {query.page}
            </span>
          )}
          {newCount > 0 ? (
            <button
              type="button"
              data-testid="new-traces"
              className="rounded-full bg-indigo-600 px-3 py-0.5 text-xs font-medium text-white"
              onClick={() => (query.page === 1 ? reload() : update({ page: 1 }))}
            >
              {newCount >= 100 ? "100+" : newCount} new trace{newCount === 1 ? "" : "s"} · show
            </button>
          ) : null}
        </div>
        <ColumnSettings columns={columns} prefs={prefs} onChange={setPrefs} />
      </div>
      {canEdit && selectedIds.length > 0 ? (
        <SelectionActions experimentId={experimentId} traceIds={selectedIds} onDone={() => setSelection({})} />
      ) : null}
      {!loading && !error && traces.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No traces match this filter"
            action={
              <Button
                variant="secondary"
                onClick={() =>
                  update({ q: "", state: null, range: null, minLatencyMs: null, minCostUsd: null, page: 1 })
                }
              >
                Clear filters
              </Button>
            }
          >
            Try a wider time range or another state, or check the filter, e.g.{" "}
            <code>feedback.user_feedback = false</code>.
          </EmptyState>
        ) : (
          <EmptyState title="No traces yet">
            Send traces with OpenTelemetry (OTLP/HTTP to <code>/v1/traces</code>) or an MLflow client with{" "}
            <code>MLFLOW_TRACKING_URI</code> pointing here and experiment id <code>{experimentId}</code>. New traces
            show up here within seconds.
          </EmptyState>
        )
      ) : (
        <TracesTable
          columns={columns}
          traces={traces}
          prefs={prefs}
          sort={query.sort}
          onSort={onSort}
          selection={selection}
          onSelectionChange={setSelection}
          selectable={canEdit}
          openTraceId={openTraceId}
          onOpen={(id) => setParams({ trace: id, span: null })}
        />
      )}
      <nav aria-label="Pages" className="mt-3 flex items-center gap-2 text-sm">
        <Button variant="secondary" disabled={query.page <= 1} onClick={() => update({ page: query.page - 1 })}>
          <ChevronLeft aria-hidden className="h-4 w-4" />
          Newer
        </Button>
        <span data-testid="page-number">Page {query.page}</span>
        <Button variant="secondary" disabled={!hasNext} onClick={() => update({ page: query.page + 1 })}>
          Older
          <ChevronRight aria-hidden className="h-4 w-4" />
        </Button>
      </nav>
      {openTraceId ? (
        <TraceDrawer
          experimentId={experimentId}
          traceId={openTraceId}
          spanId={spanId}
          canEdit={canEdit}
          onSelectSpan={(id) => setParams({ span: id })}
          onClose={() => setParams({ trace: null, span: null })}
        />
      ) : null}
    </div>
  );
}
