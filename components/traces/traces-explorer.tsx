"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import type { RowSelectionState } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  explorerQueryParams,
  explorerSearchString,
  neighbourPage,
  readExplorerQuery,
  type ExplorerQuery,
  type SortKey,
} from "@/lib/traces/explorer-query";
import { ColumnSettings } from "./table/column-settings";
import { SelectionActions } from "./table/selection-actions";
import { buildTraceColumns } from "./table/trace-columns";
import { TracesTable } from "./table/traces-table";
import { TablePager, totalLabel } from "./table/table-pager";
import { TraceNav } from "./table/trace-nav";
import { TracesToolbar } from "./table/traces-toolbar";
import { useColumnPrefs } from "./table/use-column-prefs";
import { useTraceNeighbors, useTraceStepper } from "./table/use-trace-neighbors";
import { useTraceCount, useTraceSearch } from "./table/use-trace-search";
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
  const { traces, hasNext, tokens, names, loading, error, newCount, reload } = useTraceSearch(experimentId, query);
  const count = useTraceCount(experimentId, query).data;
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

  const neighbors = useTraceNeighbors(experimentId, query, traces, tokens, openTraceId);
  const { busy: stepping, stepTrace } = useTraceStepper(neighbors, openTraceId, (to) => {
    const { page, cursor } = explorerQueryParams({ ...query, ...to });
    setParams({ trace: to.traceId, span: null, page, cursor });
  });
  // The list state without the open trace: what the trace page needs to step through the same list.
  const listParams = explorerSearchString(query);

  // j/k with nothing focused (and no drawer) puts the focus on the first row, then the rows take over.
  useEffect(() => {
    if (openTraceId) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== "j" && e.key !== "k") || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.target !== document.body) return;
      const row = document.querySelector<HTMLElement>('[data-testid="trace-row"]');
      if (!row) return;
      e.preventDefault();
      row.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openTraceId]);

  return (
    <div>
      <TracesToolbar experimentId={experimentId} query={query} error={error} onChange={update} />
      <div className="mb-2 flex items-center justify-between gap-2 text-sm">
        <div className="flex items-center gap-3 text-slate-600">
          {loading ? (
            <span role="status" className="animate-pulse">
              Loading traces…
            </span>
          ) : (
            <span data-testid="trace-count">
              {count
                ? `${totalLabel(count)} trace${count.count === 1 && !count.capped ? "" : "s"}`
                : `${traces.length} trace${traces.length === 1 ? "" : "s"} on page ${query.page}`}
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
      <TablePager
        page={query.page}
        pageSize={query.pageSize}
        shown={traces.length}
        hasNext={hasNext}
        count={count}
        onPage={(delta) => update(neighbourPage(query, delta, tokens))}
        onPageSize={(pageSize) => update({ pageSize, page: 1 })}
      />
      {openTraceId ? (
        <TraceDrawer
          experimentId={experimentId}
          traceId={openTraceId}
          spanId={spanId}
          canEdit={canEdit}
          onSelectSpan={(id) => setParams({ span: id })}
          onClose={() => setParams({ trace: null, span: null })}
          listParams={listParams}
          navigation={{
            onStep: stepTrace,
            controls: (
              <TraceNav
                hasPrev={neighbors.hasPrev}
                hasNext={neighbors.hasNext}
                position={neighbors.position}
                total={count ? totalLabel(count) : null}
                busy={stepping}
                onStep={stepTrace}
              />
            ),
          }}
        />
      ) : null}
    </div>
  );
}
