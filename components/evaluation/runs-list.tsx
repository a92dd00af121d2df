"use client";

import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";
import { Pager } from "@/components/ui/pager";
import { RunStatus } from "./run-status";
import { useApi } from "./use-api";

const PAGE_SIZE = 20;

/**
 * The experiment's evaluation runs, newest first; refreshes every second while one is in progress.
 * `hasMlflowRuns`: runs from `mlflow.genai.evaluate` are listed below this one, so with none of
 * ours the page is not "empty" and only a one-line hint is shown.
 */
export function RunsList({ experimentId, hasMlflowRuns = false }: { experimentId: string; hasMlflowRuns?: boolean }) {
  const [page, setPage] = useState(1);
  const { data, error } = useApi<{ runs: EvaluationRunDto[]; total: number }>(
    `/api/evaluation/experiments/${experimentId}/runs?page=${page}&pageSize=${PAGE_SIZE}`,
    {
      pollMs: 1000,
      poll: (d) => d.runs.some((r) => r.status === "PENDING" || r.status === "RUNNING"),
    },
  );
  const base = `/experiments/${experimentId}/evaluation`;
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (!data.runs.length && hasMlflowRuns) {
    return (
      <p className="text-sm text-slate-500" data-testid="no-app-runs">
        No runs started in Tracelight yet.{" "}
        <Link className="text-indigo-600 hover:underline" href={`${base}/new`}>
          Start a run →
        </Link>
      </p>
    );
  }
  if (!data.runs.length) {
    return (
      <EmptyState
        title="No evaluation runs yet"
        action={
          <Link className="text-indigo-600 hover:underline" href={`${base}/new`}>
            Start a run →
          </Link>
        }
      >
        A run scores a dataset (or traces matching a filter) with code scorers and LLM judges. Make a dataset below
        first, for example from a labeling session&apos;s expected responses.
      </EmptyState>
    );
  }
  return (
    <div>
      <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className="px-3 py-2">Run</th>
            <th className="px-3 py-2">Source</th>
            <th className="px-3 py-2">Scorers</th>
            <th className="w-56 px-3 py-2">Progress</th>
            <th className="w-40 px-3 py-2">Started</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.runs.map((r) => (
            <tr key={r.id} data-testid="run-row">
              <td className="px-3 py-2">
                <Link className="font-medium text-indigo-700 hover:underline" href={`${base}/runs/${r.id}`}>
                  {r.name}
                </Link>
              </td>
              <td className="px-3 py-2 text-slate-600">{r.sourceLabel}</td>
              <td className="px-3 py-2 text-slate-600">{r.scorers.map((s) => s.name ?? s.type).join(", ")}</td>
              <td className="px-3 py-2">
                <RunStatus run={r} />
              </td>
              <td className="px-3 py-2 text-slate-600">{new Date(r.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager shortcuts page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
    </div>
  );
}
