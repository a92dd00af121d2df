"use client";

import {
  columnOrderingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  tableFeatures,
  type ColumnDef,
} from "@tanstack/react-table";
import { AssessmentChip } from "@/components/assessments/assessment-chip";
import type { AssessmentNameDto } from "@/lib/assessments/schemas";
import { formatUsd } from "@/lib/costs/match-price";
import type { SortKey } from "@/lib/traces/explorer-query";
import { previewText } from "@/lib/traces/render/preview-text";
import type { TraceInfoDto } from "@/lib/traces/schemas";

export const traceTableFeatures = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  rowSelectionFeature,
});
export type TraceColumn = ColumnDef<typeof traceTableFeatures, TraceInfoDto> & {
  id: string;
  meta?: { label: string; sortKey?: SortKey };
};

export function formatDuration(ms: number | null): string {
  if (ms == null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const STATE_STYLE: Record<string, string> = {
  OK: "bg-emerald-50 text-emerald-700",
  ERROR: "bg-red-50 text-red-700",
  IN_PROGRESS: "bg-amber-50 text-amber-700",
};

/** Column id of an assessment name: one column per (name, kind). */
export const assessmentColumnId = (n: AssessmentNameDto) =>
  `assessment:${n.kind === "EXPECTATION" ? "expectation" : "feedback"}:${n.name}`;

/** The table's columns: fixed ones, then one per assessment name in the experiment. */
export function buildTraceColumns(names: AssessmentNameDto[]): TraceColumn[] {
  const fixed: TraceColumn[] = [
    {
      id: "trace_id",
      meta: { label: "Trace ID", sortKey: "request_id" },
      header: "Trace ID",
      cell: ({ row }) => <span className="font-mono text-xs text-slate-600">{row.original.traceId.slice(0, 15)}…</span>,
    },
    {
      id: "request",
      meta: { label: "Request" },
      header: "Request",
      cell: ({ row }) => <span className="line-clamp-2">{previewText(row.original.requestPreview, "request")}</span>,
    },
    {
      id: "response",
      meta: { label: "Response" },
      header: "Response",
      cell: ({ row }) => <span className="line-clamp-2">{previewText(row.original.responsePreview, "response")}</span>,
    },
    {
      id: "name",
      meta: { label: "Name", sortKey: "name" },
      header: "Name",
      cell: ({ row }) => <span className="text-xs">{row.original.name}</span>,
    },
    {
      id: "time",
      meta: { label: "Time", sortKey: "timestamp_ms" },
      header: "Time",
      cell: ({ row }) => (
        <time
          className="whitespace-nowrap text-xs text-slate-600"
          dateTime={new Date(row.original.timestampMs).toISOString()}
        >
          {new Date(row.original.timestampMs).toLocaleString()}
        </time>
      ),
    },
    {
      id: "duration",
      meta: { label: "Duration", sortKey: "execution_time_ms" },
      header: "Duration",
      cell: ({ row }) => (
        <span className="whitespace-nowrap text-xs">{formatDuration(row.original.executionTimeMs)}</span>
      ),
    },
    {
      id: "state",
      meta: { label: "State", sortKey: "status" },
      header: "State",
      cell: ({ row }) => (
        <span
          data-testid="trace-state"
          className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[row.original.state] ?? "bg-slate-100 text-slate-600"}`}
        >
          {row.original.state}
        </span>
      ),
    },
    {
      id: "tags",
      meta: { label: "Tags" },
      header: "Tags",
      cell: ({ row }) => (
        <span className="flex flex-wrap gap-1">
          {Object.entries(row.original.tags)
            .filter(([k]) => !k.startsWith("mlflow."))
            .slice(0, 4)
            .map(([k, v]) => (
              <span key={k} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{`${k}: ${v}`}</span>
            ))}
        </span>
      ),
    },
    {
      id: "tokens",
      meta: { label: "Tokens" },
      header: "Tokens",
      cell: ({ row }) => {
        const t = row.original;
        return t.totalTokens == null ? (
          <span className="text-slate-500">—</span>
        ) : (
          <span className="text-xs" title={`${t.inputTokens ?? 0} in / ${t.outputTokens ?? 0} out`}>
            {t.totalTokens}
          </span>
        );
      },
    },
    {
      id: "cost",
      meta: { label: "Cost", sortKey: "cost" },
      header: "Cost",
      cell: ({ row }) =>
        row.original.costUsd == null ? (
          <span className="text-slate-500">—</span>
        ) : (
          <span className="whitespace-nowrap text-xs tabular-nums" data-testid="trace-cost-cell">
            {formatUsd(row.original.costUsd)}
          </span>
        ),
    },
  ];
  const assessmentColumns: TraceColumn[] = names.map((n) => ({
    id: assessmentColumnId(n),
    meta: { label: n.kind === "EXPECTATION" ? `${n.name} (expectation)` : n.name },
    header: n.kind === "EXPECTATION" ? `${n.name} (exp.)` : n.name,
    cell: ({ row }) => {
      const current = row.original.assessments.filter((a) => a.name === n.name && a.kind === n.kind && a.valid);
      return (
        <span className="flex flex-wrap gap-1">
          {current.slice(0, 3).map((a) => (
            <AssessmentChip key={a.assessmentId} assessment={a} />
          ))}
          {current.length > 3 ? <span className="text-xs text-slate-500">+{current.length - 3}</span> : null}
        </span>
      );
    },
  }));
  return [...fixed, ...assessmentColumns];
}
