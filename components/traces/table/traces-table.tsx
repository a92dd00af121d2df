"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useMemo } from "react";
import { useTable, type RowSelectionState } from "@tanstack/react-table";
import type { ExplorerQuery, SortKey } from "@/lib/traces/explorer-query";
import type { TraceInfoDto } from "@/lib/traces/schemas";
import { isColumnVisible, traceTableFeatures, type TraceColumn } from "./trace-columns";
import type { ColumnPrefs } from "./use-column-prefs";

interface Props {
  columns: TraceColumn[];
  traces: TraceInfoDto[];
  prefs: ColumnPrefs;
  sort: ExplorerQuery["sort"];
  onSort: (key: SortKey) => void;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  selectable: boolean;
  openTraceId: string | null;
  onOpen: (traceId: string) => void;
}

/** The traces grid (TanStack Table v9): data, sort and pages come from the server already applied. */
export function TracesTable({
  columns,
  traces,
  prefs,
  sort,
  onSort,
  selection,
  onSelectionChange,
  selectable,
  openTraceId,
  onOpen,
}: Props) {
  const columnOrder = useMemo(() => {
    const ids = columns.map((c) => c.id);
    return [...prefs.order.filter((id) => ids.includes(id)), ...ids.filter((id) => !prefs.order.includes(id))];
  }, [columns, prefs.order]);
  const columnVisibility = useMemo(
    () => Object.fromEntries(columns.map((c) => [c.id, isColumnVisible(c, prefs.visibility)])),
    [columns, prefs.visibility],
  );
  const table = useTable({
    features: traceTableFeatures,
    columns,
    data: traces,
    getRowId: (row) => row.traceId,
    enableRowSelection: selectable,
    state: { columnVisibility, columnOrder, rowSelection: selection },
    onRowSelectionChange: (updater) => onSelectionChange(typeof updater === "function" ? updater(selection) : updater),
  });
  const allSelected = traces.length > 0 && traces.every((t) => selection[t.traceId]);

  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-sm" data-testid="traces-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selectable ? (
                <th className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all traces on this page"
                    checked={allSelected}
                    onChange={() => table.toggleAllRowsSelected(!allSelected)}
                  />
                </th>
              ) : null}
              {group.headers.map((header) => {
                const meta = (header.column.columnDef as TraceColumn).meta;
                const active = meta?.sortKey && sort?.key === meta.sortKey;
                return (
                  <th
                    key={header.id}
                    className="whitespace-nowrap px-3 py-2"
                    data-column={header.column.id}
                    aria-sort={active ? (sort!.desc ? "descending" : "ascending") : undefined}
                  >
                    {meta?.sortKey ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 hover:text-slate-900"
                        onClick={() => onSort(meta.sortKey!)}
                      >
                        <table.FlexRender header={header} />
                        {active ? (
                          sort!.desc ? (
                            <ArrowDown aria-hidden className="h-3 w-3 text-slate-500" />
                          ) : (
                            <ArrowUp aria-hidden className="h-3 w-3 text-slate-500" />
                          )
                        ) : (
                          <ArrowUpDown aria-hidden className="h-3 w-3 text-slate-500" />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid="trace-row"
              data-trace-id={row.id}
              aria-selected={openTraceId === row.id}
              tabIndex={0}
              onClick={() => onOpen(row.id)}
              onKeyDown={(e) => {
                if (e.target !== e.currentTarget || e.metaKey || e.ctrlKey || e.altKey) return;
                // j/k (or the arrows) move between rows, Enter opens the focused one.
                const sibling =
                  e.key === "j" || e.key === "ArrowDown"
                    ? e.currentTarget.nextElementSibling
                    : e.key === "k" || e.key === "ArrowUp"
                      ? e.currentTarget.previousElementSibling
                      : undefined;
                if (e.key === "Enter") onOpen(row.id);
                else if (sibling !== undefined) (sibling as HTMLElement | null)?.focus();
                else return;
                e.preventDefault();
              }}
              className={`cursor-pointer align-top hover:bg-indigo-50/50 focus:bg-indigo-50 focus:outline-none ${openTraceId === row.id ? "bg-indigo-50" : ""}`}
            >
              {selectable ? (
                <td className="px-3 py-2" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={`Select trace ${row.id}`}
                    checked={row.getIsSelected()}
                    onChange={row.getToggleSelectedHandler()}
                  />
                </td>
              ) : null}
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="max-w-xs px-3 py-2" data-column={cell.column.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
