"use client";

import { ArrowDown, ArrowUp, Columns3 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { isColumnVisible, type TraceColumn } from "./trace-columns";
import type { ColumnPrefs } from "./use-column-prefs";

/**
 * Show, hide and reorder the table's columns; the choice is saved per experiment. The
 * assessments of evaluation and labeling runs are listed under their run, hidden until chosen.
 */
export function ColumnSettings({
  columns,
  prefs,
  onChange,
}: {
  columns: TraceColumn[];
  prefs: ColumnPrefs;
  onChange: (p: ColumnPrefs) => void;
}) {
  const main = columns.filter((c) => !c.meta?.group);
  const ids = main.map((c) => c.id);
  const order = [...prefs.order.filter((id) => ids.includes(id)), ...ids.filter((id) => !prefs.order.includes(id))];
  const byId = new Map(columns.map((c) => [c.id, c]));
  const groups = new Map<string, TraceColumn[]>();
  for (const c of columns) if (c.meta?.group) groups.set(c.meta.group, [...(groups.get(c.meta.group) ?? []), c]);
  const move = (i: number, delta: number) => {
    const next = [...order];
    const j = i + delta;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange({ ...prefs, order: next });
  };
  const toggle = (column: TraceColumn) => (
    <input
      type="checkbox"
      checked={isColumnVisible(column, prefs.visibility)}
      onChange={(e) => onChange({ ...prefs, visibility: { ...prefs.visibility, [column.id]: e.target.checked } })}
    />
  );
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="secondary">
          <Columns3 aria-hidden className="h-4 w-4" />
          Columns
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Columns" className="max-h-96 w-80 overflow-y-auto !p-2">
        <ul>
          {order.map((id, i) => (
            <li key={id} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
              <label className="flex flex-1 items-center gap-2 truncate">
                {toggle(byId.get(id)!)}
                <span className="truncate">{byId.get(id)?.meta?.label ?? id}</span>
              </label>
              <button
                type="button"
                aria-label={`Move ${byId.get(id)?.meta?.label} up`}
                className="px-1 text-slate-500 hover:text-slate-900"
                onClick={() => move(i, -1)}
              >
                <ArrowUp aria-hidden className="h-3.5 w-3.5" />
              </button>
              <button
                type="button"
                aria-label={`Move ${byId.get(id)?.meta?.label} down`}
                className="px-1 text-slate-500 hover:text-slate-900"
                onClick={() => move(i, 1)}
              >
                <ArrowDown aria-hidden className="h-3.5 w-3.5" />
              </button>
            </li>
          ))}
        </ul>
        {groups.size > 0 ? (
          <div className="mt-2 border-t border-slate-100 pt-2" data-testid="run-columns">
            <p className="px-1 text-xs text-slate-500">Runs (not shown by default)</p>
            {[...groups.entries()].map(([group, cols]) => (
              <div key={group} role="group" aria-label={group} className="mt-1">
                <p className="truncate px-1 text-xs font-medium text-slate-700">{group}</p>
                <ul>
                  {cols.map((c) => (
                    <li key={c.id} className="rounded px-1 py-0.5 hover:bg-slate-50">
                      <label className="flex items-center gap-2 truncate">
                        {toggle(c)}
                        <span className="truncate">{c.meta?.label}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ) : null}
        <button
          type="button"
          className="mt-2 text-xs text-indigo-600 hover:underline"
          onClick={() => onChange({ visibility: {}, order: [] })}
        >
          Reset to default
        </button>
      </PopoverContent>
    </Popover>
  );
}
