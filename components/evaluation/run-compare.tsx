"use client";

import { ArrowDown, ArrowUp, Equal, Minus } from "lucide-react";
import Link from "next/link";
import type { RowChange, ScoreDelta } from "@/lib/evaluation/runs/compare";
import type { RunCompareDto, RunRowDto } from "@/lib/evaluation/runs/types";
import { EvalValue } from "./eval-value";
import { Pager } from "@/components/ui/pager";
import { runLabel } from "./run-label";
import { STICKY_CELL } from "./run-rows-table";
import { ScoreBadge } from "./score-badge";
import { useApi } from "./use-api";

const PAGE_SIZE = 25;

const FILTERS: { value: RowChange | null; label: string; count: (c: RunCompareDto["counts"]) => number }[] = [
  { value: null, label: "All rows", count: (c) => c.regression + c.improvement + c.unchanged + c.unmatched },
  { value: "regression", label: "Regressions", count: (c) => c.regression },
  { value: "improvement", label: "Improvements", count: (c) => c.improvement },
  { value: "unchanged", label: "Unchanged", count: (c) => c.unchanged },
  { value: "unmatched", label: "Not in baseline", count: (c) => c.unmatched },
];

const CHANGE_STYLE: Record<RowChange, string> = {
  regression: "bg-red-100 text-red-800",
  improvement: "bg-emerald-100 text-emerald-800",
  unchanged: "bg-slate-100 text-slate-700",
  unmatched: "bg-amber-100 text-amber-800",
};
const CHANGE_TEXT: Record<RowChange, string> = {
  regression: "Worse",
  improvement: "Better",
  unchanged: "Same",
  unmatched: "No match",
};

function fmtDelta(d: number) {
  const r = Math.round(d * 1000) / 1000;
  return r > 0 ? `+${r}` : String(r);
}

function Delta({ d }: { d: ScoreDelta }) {
  const Icon = d.change === "worse" ? ArrowDown : d.change === "better" ? ArrowUp : d.change === "same" ? Equal : Minus;
  const color = d.change === "worse" ? "text-red-700" : d.change === "better" ? "text-emerald-700" : "text-slate-500";
  const text =
    d.delta !== null ? fmtDelta(d.delta) : d.change === "changed" ? "changed" : d.change === "same" ? "same" : "n/a";
  return (
    <span className={`inline-flex items-center gap-0.5 text-xs font-medium ${color}`} data-testid="score-delta">
      <Icon aria-hidden className="size-3" />
      {text}
    </span>
  );
}

function Scores({ row, deltas, withDelta }: { row: RunRowDto | null; deltas: ScoreDelta[]; withDelta: boolean }) {
  if (!row) return <span className="text-xs text-slate-500">not in this run</span>;
  return (
    <div className="space-y-1">
      {deltas.map((d) => (
        <div key={d.scorerName} className="flex flex-wrap items-center gap-1">
          <span className="text-xs text-slate-500">{d.scorerName}</span>
          <ScoreBadge score={row.scores.find((s) => s.scorerName === d.scorerName)} showRationale={false} />
          {withDelta ? <Delta d={d} /> : null}
        </div>
      ))}
    </div>
  );
}

/**
 * This run against a baseline run, row by row (matched by inputs): per-scorer deltas, counts of
 * regressions and improvements over the whole run, and a filter to see only one kind. Wide: it
 * scrolls sideways with the row's verdict pinned on the left.
 */
export function RunCompare({
  experimentId,
  runId,
  otherId,
  page,
  change,
  onChange,
}: {
  experimentId: string;
  runId: string;
  otherId: string;
  page: number;
  change: RowChange | null;
  onChange: (page: number, change: RowChange | null) => void;
}) {
  const { data, error } = useApi<RunCompareDto>(
    `/api/evaluation/runs/${runId}/compare?${new URLSearchParams({
      other: otherId,
      page: String(page),
      pageSize: String(PAGE_SIZE),
      ...(change ? { change } : {}),
    })}`,
  );
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading comparison…</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        This run against the baseline <span className="font-medium text-slate-900">{runLabel(data.b)}</span>, over the
        scorers both have ({data.scorerNames.join(", ") || "none"}). A row is worse when any of them scores lower here.
      </p>
      <div role="group" aria-label="Show rows" className="flex flex-wrap gap-2" data-testid="compare-filters">
        {FILTERS.map((f) => (
          <button
            key={f.label}
            type="button"
            aria-pressed={change === f.value}
            onClick={() => onChange(1, f.value)}
            className={`rounded-full border px-3 py-1 text-xs font-medium ${
              change === f.value
                ? "border-indigo-600 bg-indigo-600 text-white"
                : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
            }`}
          >
            {f.label} <span data-testid={`count-${f.value ?? "all"}`}>{f.count(data.counts)}</span>
          </button>
        ))}
      </div>
      {data.pairs.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">
          No rows of this kind. Pick another filter above.
        </p>
      ) : (
        <div
          className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200"
          tabIndex={0}
          aria-label="Comparison (scrolls sideways)"
        >
          <table className="min-w-full text-sm" data-testid="compare-table">
            <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
              <tr>
                <th className="sticky left-0 z-20 w-28 border-r border-slate-200 bg-slate-100 px-3 py-2">Change</th>
                <th className="min-w-72 px-3 py-2">Inputs</th>
                <th className="min-w-72 px-3 py-2">Output · {data.a.name}</th>
                <th className="min-w-56 px-3 py-2">Scores · this run</th>
                <th className="min-w-72 px-3 py-2">Output · baseline</th>
                <th className="min-w-56 px-3 py-2">Scores · baseline</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {data.pairs.map((p) => (
                <tr key={p.a.id} data-testid="compare-row" data-change={p.change}>
                  <td className={`${STICKY_CELL} px-3 py-2`}>
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${CHANGE_STYLE[p.change]}`}>
                      {CHANGE_TEXT[p.change]}
                    </span>
                    <div className="mt-1 text-xs text-slate-500">#{p.a.position + 1}</div>
                    {p.a.traceId ? (
                      <Link
                        href={`/experiments/${experimentId}/traces/${p.a.traceId}`}
                        className="block font-mono text-xs text-indigo-700 hover:underline"
                      >
                        trace
                      </Link>
                    ) : null}
                  </td>
                  <td className="min-w-72 max-w-sm px-3 py-2">
                    <EvalValue value={p.a.inputs} role="inputs" />
                  </td>
                  <td className="min-w-72 max-w-sm px-3 py-2">
                    <EvalValue value={p.a.outputs} role="outputs" />
                  </td>
                  <td className="px-3 py-2">
                    <Scores row={p.a} deltas={p.deltas} withDelta />
                  </td>
                  <td className="min-w-72 max-w-sm px-3 py-2">
                    {p.b ? (
                      <EvalValue value={p.b.outputs} role="outputs" />
                    ) : (
                      <span className="text-xs text-slate-500">not in the baseline</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Scores row={p.b} deltas={p.deltas} withDelta={false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager shortcuts page={page} pageSize={PAGE_SIZE} total={data.total} onPage={(p) => onChange(p, change)} />
    </div>
  );
}
