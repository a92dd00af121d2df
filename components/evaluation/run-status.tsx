import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";

const COLORS: Record<string, string> = {
  PENDING: "bg-slate-100 text-slate-700",
  RUNNING: "bg-indigo-100 text-indigo-800",
  COMPLETED: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-amber-100 text-amber-800",
};

/** Status pill plus a progress bar: rows done of total, and how many ended with an error. */
export function RunStatus({ run }: { run: Pick<EvaluationRunDto, "status" | "doneRows" | "totalRows" | "errorRows"> }) {
  const pct = run.totalRows ? Math.round((run.doneRows / run.totalRows) * 100) : 0;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2 text-xs">
        <span
          data-testid="run-status"
          className={`rounded px-1.5 py-0.5 font-medium ${COLORS[run.status] ?? COLORS.PENDING}`}
        >
          {run.status}
        </span>
        <span data-testid="run-progress" className="text-slate-600">
          {run.doneRows} / {run.totalRows} rows
        </span>
        {run.errorRows ? <span className="text-amber-700">{run.errorRows} with errors</span> : null}
      </div>
      <div
        className="h-1.5 overflow-hidden rounded bg-slate-100"
        role="progressbar"
        aria-label="Rows scored"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div
          className={`h-full ${run.status === "FAILED" ? "bg-red-400" : "bg-indigo-500"} transition-all`}
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
