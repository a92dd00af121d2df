"use client";

import Link from "next/link";
import { Activity } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import type { MonitoringRuleDto } from "@/lib/monitoring/types";
import { useMonitoring } from "./use-monitoring";

/** The experiment's rules with what they score and how many traces they scored (live). */
export function RulesList({ experimentId }: { experimentId: string }) {
  const { data, error } = useMonitoring<{ rules: MonitoringRuleDto[] }>(
    `/api/monitoring/experiments/${experimentId}/rules`,
    5000,
  );
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading rules…</p>;
  if (!data.rules.length)
    return (
      <EmptyState title="No monitoring rules yet">
        A rule scores new traces as they arrive with code scorers and LLM judges, and can send the ones that fail to a
        labeling session. Create one with “New rule”.
      </EmptyState>
    );
  return (
    <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
      <thead className="bg-slate-50 text-left text-xs text-slate-600">
        <tr>
          <th className="px-3 py-2">Rule</th>
          <th className="px-3 py-2">Scorers</th>
          <th className="px-3 py-2">Filter</th>
          <th className="px-3 py-2">Sample</th>
          <th className="px-3 py-2">Routes to</th>
          <th className="px-3 py-2 text-right">Traces scored</th>
        </tr>
      </thead>
      <tbody>
        {data.rules.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <td className="px-3 py-2">
              <Link
                href={`/experiments/${experimentId}/monitoring/${r.id}`}
                className="inline-flex items-center gap-1.5 font-medium text-indigo-700 hover:underline"
              >
                <Activity className="h-4 w-4" aria-hidden /> {r.name}
              </Link>
              <span className="ml-2 text-xs text-slate-500">v{r.version}</span>
              {!r.enabled ? (
                <span className="ml-2 rounded bg-slate-100 px-1 text-xs text-slate-600">paused</span>
              ) : null}
            </td>
            <td className="px-3 py-2 text-slate-700">{r.scorers.map((s) => s.name ?? s.type).join(", ")}</td>
            <td className="px-3 py-2 font-mono text-xs text-slate-600">{r.filter || "all traces"}</td>
            <td className="px-3 py-2">{Math.round(r.samplingRate * 100)}%</td>
            <td className="px-3 py-2 text-slate-700">
              {r.routing ? `${r.routingSessionName ?? "(deleted session)"} · ≤${r.routing.dailyCap}/day` : "—"}
            </td>
            <td className="px-3 py-2 text-right tabular-nums" data-testid={`rule-scored-${r.name}`}>
              {r.tracesScored}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
