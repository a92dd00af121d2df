"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback } from "react";
import type { RowChange } from "@/lib/evaluation/runs/compare";
import type { EvaluationRunDto, RunDetailDto, RunRowDto } from "@/lib/evaluation/runs/types";
import { JudgeAgreementPanel } from "./judge-agreement-panel";
import { Pager } from "@/components/ui/pager";
import { RunCompare } from "./run-compare";
import { runLabel } from "./run-label";
import { RunRowsTable } from "./run-rows-table";
import { CancelRunButton } from "./cancel-run-button";
import { RunStatus } from "./run-status";
import { RunSummary } from "./run-summary";
import { useApi } from "./use-api";

const PAGE_SIZE = 25;
const live = (r: { status: string }) => r.status === "PENDING" || r.status === "RUNNING";

/** One run: live progress (polled every second), then summary, alignment and rows; or a side-by-side comparison. URL keeps page and comparison. */
export function RunView({
  experimentId,
  runId,
  page,
  compare,
  change,
}: {
  experimentId: string;
  runId: string;
  page: number;
  compare: string | null;
  change: RowChange | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const run = useApi<RunDetailDto>(`/api/evaluation/runs/${runId}`, { pollMs: 1000, poll: live });
  const others = useApi<{ runs: EvaluationRunDto[] }>(
    `/api/evaluation/experiments/${experimentId}/runs?page=1&pageSize=100`,
  );
  // Refetch rows whenever progress moves, so finished rows appear while the run goes on.
  const rowsUrl = `/api/evaluation/runs/${runId}/rows?page=${page}&pageSize=${PAGE_SIZE}&v=${run.data?.doneRows ?? 0}-${run.data?.status ?? ""}`;
  const rows = useApi<{ rows: RunRowDto[]; total: number }>(compare ? null : rowsUrl);
  const go = useCallback(
    (p: number, c: string | null, ch: RowChange | null = null) =>
      router.replace(
        `${pathname}?${new URLSearchParams({
          ...(p > 1 ? { page: String(p) } : {}),
          ...(c ? { compare: c } : {}),
          ...(c && ch ? { change: ch } : {}),
        })}`,
      ),
    [router, pathname],
  );

  if (run.error) return <p className="text-sm text-red-600">{run.error}</p>;
  if (!run.data) return <p className="text-sm text-slate-500">Loading run…</p>;
  const r = run.data;
  const scorerNames = r.scorers.map((s) => s.name ?? s.type);
  return (
    <div className="space-y-5">
      <div className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="text-sm text-slate-600">
            <div>
              Source: <span className="text-slate-900">{r.sourceLabel}</span>
              {r.datasetId ? (
                <Link
                  className="ml-2 text-indigo-700 hover:underline"
                  href={`/experiments/${experimentId}/evaluation/datasets/${r.datasetId}`}
                >
                  open dataset
                </Link>
              ) : null}
            </div>
            <div>
              Outputs:{" "}
              {r.outputSource.kind === "trace"
                ? "existing trace outputs"
                : r.outputSource.kind === "openai_chat"
                  ? `chat completions at ${r.outputSource.baseUrl}`
                  : `POST ${r.outputSource.url}`}
            </div>
            <div className="font-mono text-xs">MLflow run {r.runId}</div>
          </div>
          <div className="w-72">
            <RunStatus run={r} />
            {live(r) ? <CancelRunButton runId={r.id} /> : null}
          </div>
        </div>
        {r.error ? <p className="mt-2 text-sm text-red-600">{r.error}</p> : null}
        {r.status === "CANCELLED" ? (
          <p className="mt-2 text-sm text-amber-700" data-testid="run-cancelled">
            Cancelled: {r.doneRows} of {r.totalRows} rows were scored before it stopped.
          </p>
        ) : null}
      </div>
      <RunSummary run={r} />
      {r.scorers.some((s) => s.type === "custom_judge") && !live(r) ? (
        <JudgeAgreementPanel
          experimentId={experimentId}
          url={`/api/evaluation/runs/${runId}/judge-agreement`}
          title="Custom judges against the experts (this run)"
        />
      ) : null}
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor="compare-with">Compare with baseline</label>
        <select
          id="compare-with"
          value={compare ?? ""}
          onChange={(e) => go(1, e.target.value || null)}
          className="rounded-md border border-slate-300 px-2 py-1"
        >
          <option value="">— no comparison —</option>
          {others.data?.runs
            .filter((o) => o.id !== runId)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {runLabel(o)}
              </option>
            ))}
        </select>
      </div>
      {compare ? (
        <RunCompare
          experimentId={experimentId}
          runId={runId}
          otherId={compare}
          page={page}
          change={change}
          onChange={(p, ch) => go(p, compare, ch)}
        />
      ) : rows.data ? (
        <>
          <RunRowsTable experimentId={experimentId} rows={rows.data.rows} scorerNames={scorerNames} />
          <Pager shortcuts page={page} pageSize={PAGE_SIZE} total={rows.data.total} onPage={(p) => go(p, null)} />
        </>
      ) : (
        <p className="text-sm text-slate-500">Loading rows…</p>
      )}
    </div>
  );
}
