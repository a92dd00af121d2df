"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { TraceColumn } from "./trace-columns";
import type { ColumnPrefs } from "./use-column-prefs";

/** Show, hide and reorder the table's columns; the choice is saved per experiment. */
export function ColumnSettings({
  columns,
  prefs,
  onChange,
}: {
  columns: TraceColumn[];
  prefs: ColumnPrefs;
  onChange: (p: ColumnPrefs) => void;
}) {
  const [open, setOpen] = useState(false);
  const ids = columns.map((c) => c.id);
  const order = [...prefs.order.filter((id) => ids.includes(id)), ...ids.filter((id) => !prefs.order.includes(id))];
  const byId = new Map(columns.map((c) => [c.id, c]));
  const move = (i: number, delta: number) => {
    const next = [...order];
    const j = i + delta;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange({ ...prefs, order: next });
  };
  return (
    <div className="relative">
      <Button variant="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        Columns
      </Button>
      {open ? (
        <div
          role="dialog"
          aria-label="Columns"
          className="absolute right-0 z-20 mt-1 max-h-96 w-72 overflow-y-auto rounded-md bg-white p-2 text-sm shadow-lg ring-1 ring-slate-200"
        >
          <ul>
            {order.map((id, i) => (
              <li key={id} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                <label className="flex flex-1 items-center gap-2 truncate">
                  <input
                    type="checkbox"
                    checked={prefs.visibility[id] !== false}
                    onChange={(e) =>
                      onChange({ ...prefs, visibility: { ...prefs.visibility, [id]: e.target.checked } })
                    }
                  />
                  <span className="truncate">{byId.get(id)?.meta?.label ?? id}</span>
                </label>
                <button
                  type="button"
                  aria-label={`Move ${byId.get(id)?.meta?.label} up`}
                  className="px-1 text-slate-500 hover:text-slate-900"
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${byId.get(id)?.meta?.label} down`}
                  className="px-1 text-slate-500 hover:text-slate-900"
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="mt-2 text-xs text-indigo-600 hover:underline"
            onClick={() => onChange({ visibility: {}, order: [] })}
          >
            Reset to default
          </button>
        </div>
      ) : null}
    </div>
  );
}
