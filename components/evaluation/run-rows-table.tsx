"use client";

import { Braces } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { RunRowDto } from "@/lib/evaluation/runs/types";
import { EvalValue } from "./eval-value";
import { ScoreBadge } from "./score-badge";

/** The sticky first column: always visible while the wide table scrolls sideways. */
export const STICKY_CELL = "sticky left-0 z-10 border-r border-slate-200 bg-white";
const STICKY_HEAD = "sticky left-0 z-20 border-r border-slate-200 bg-slate-100";

/**
 * A run's rows: inputs (chat as messages), output, expectations, every score with its rationale.
 * Wide: it scrolls sideways inside its frame with the row number, trace link and the row's
 * "Raw JSON" switch pinned on the left.
 */
export function RunRowsTable({
  experimentId,
  rows,
  scorerNames,
}: {
  experimentId: string;
  rows: RunRowDto[];
  scorerNames: string[];
}) {
  const [raw, setRaw] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setRaw((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div
      className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200"
      data-testid="run-rows-scroll"
      tabIndex={0}
      aria-label="Run results (scrolls sideways)"
    >
      <table className="min-w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className={`${STICKY_HEAD} w-32 px-3 py-2`}>Row</th>
            <th className="min-w-80 px-3 py-2">Inputs</th>
            <th className="min-w-80 px-3 py-2">Output</th>
            <th className="min-w-64 px-3 py-2">Expectations</th>
            {scorerNames.map((n) => (
              <th key={n} className="min-w-48 px-3 py-2">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((r) => {
            const isRaw = raw.has(r.id);
            return (
              <tr key={r.id} data-testid="result-row" className={r.status === "ERROR" ? "bg-amber-50/50" : ""}>
                <td className={`${STICKY_CELL} px-3 py-2`}>
                  <div className="font-medium text-slate-700">#{r.position + 1}</div>
                  {r.traceId ? (
                    <Link
                      data-testid="row-trace-link"
                      href={`/experiments/${experimentId}/traces/${r.traceId}`}
                      className="block font-mono text-xs text-indigo-700 hover:underline"
                    >
                      {r.traceId.slice(0, 11)}…
                    </Link>
                  ) : (
                    <span className="block text-xs text-slate-500">no trace</span>
                  )}
                  <button
                    type="button"
                    aria-pressed={isRaw}
                    onClick={() => toggle(r.id)}
                    className="mt-1 inline-flex items-center gap-1 rounded border border-slate-200 px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-50"
                  >
                    <Braces className="size-3" aria-hidden />
                    {isRaw ? "Formatted" : "Raw JSON"}
                  </button>
                  {r.status === "ERROR" && r.error && !r.scores.length ? (
                    <span className="mt-1 block max-w-28 text-xs text-amber-700">{r.error}</span>
                  ) : null}
                </td>
                <td className="min-w-80 max-w-md px-3 py-2">
                  <EvalValue value={r.inputs} role="inputs" raw={isRaw} />
                </td>
                <td className="min-w-80 max-w-md px-3 py-2">
                  {r.status === "PENDING" ? (
                    <span className="text-xs text-slate-500">pending…</span>
                  ) : (
                    <EvalValue value={r.outputs} role="outputs" raw={isRaw} />
                  )}
                </td>
                <td className="min-w-64 max-w-sm px-3 py-2">
                  <EvalValue value={r.expectations} role="expectations" raw={isRaw} />
                </td>
                {scorerNames.map((n) => (
                  <td key={n} className="min-w-48 max-w-xs px-3 py-2">
                    <ScoreBadge score={r.scores.find((s) => s.scorerName === n)} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
