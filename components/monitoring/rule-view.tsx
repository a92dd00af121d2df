"use client";

import Link from "next/link";
import type { RuleStatsDto } from "@/lib/monitoring/types";
import { BackfillPanel } from "./backfill-panel";
import { PassRateChart } from "./pass-rate-chart";
import { useMonitoring } from "./use-monitoring";

function Stat({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 ring-1 ring-slate-200">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** The rule page's live figures: counts, pass rate over time, judge cost, errors, items created, backfills. */
export function RuleView({
  experimentId,
  ruleId,
  sessionId,
}: {
  experimentId: string;
  ruleId: string;
  sessionId: string | null;
}) {
  const { data: s, error } = useMonitoring<RuleStatsDto>(`/api/monitoring/rules/${ruleId}/stats?days=1`, 3000);
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!s) return <p className="text-sm text-slate-500">Loading figures…</p>;
  const rate = s.passed + s.failed ? `${Math.round((100 * s.passed) / (s.passed + s.failed))}%` : "—";
  const cost =
    s.costUsd === null
      ? `${s.inputTokens + s.outputTokens} tokens`
      : `$${s.costUsd.toFixed(4)} · ${s.inputTokens + s.outputTokens} tok`;
  return (
    <div className="space-y-5">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-6">
        <Stat label="Traces scored (24 h)" value={s.tracesScored} testId="stat-scored" />
        <Stat label="Pass rate" value={rate} testId="stat-pass-rate" />
        <Stat label="Failed" value={s.failed} testId="stat-failed" />
        <Stat label="With errors" value={s.withErrors} testId="stat-errors" />
        <Stat label="Judge calls · cost" value={`${s.judgeCalls} · ${cost}`} testId="stat-judge" />
        <Stat label="Items routed (today)" value={s.itemsRoutedToday} testId="stat-routed" />
      </div>
      <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 className="mb-2 text-sm font-semibold">Pass rate over the last 24 hours</h2>
        {s.tracesScored ? (
          <PassRateChart buckets={s.buckets} bucketMs={s.bucketMs} />
        ) : (
          <p className="text-sm text-slate-500">
            No trace scored yet. New complete traces matching the rule are scored within seconds; use a backfill for
            older ones.
          </p>
        )}
      </section>
      <BackfillPanel ruleId={ruleId} />
      <div className="grid gap-4 md:grid-cols-2">
        <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 className="mb-2 text-sm font-semibold">Labeling items created ({s.itemsRouted})</h2>
          {s.recentItems.length ? (
            <ul className="space-y-1 text-sm" data-testid="routed-items">
              {s.recentItems.map((i) => (
                <li key={i.traceId} className="flex justify-between gap-2">
                  <Link
                    className="font-mono text-xs text-indigo-700 hover:underline"
                    href={`/experiments/${experimentId}/traces/${i.traceId}`}
                  >
                    {i.traceId}
                  </Link>
                  <span className="text-xs text-slate-500">{new Date(i.at).toLocaleString()}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">None yet.</p>
          )}
          {sessionId ? (
            <Link
              className="mt-2 inline-block text-xs text-indigo-700 hover:underline"
              href={`/experiments/${experimentId}/labeling/sessions/${sessionId}`}
            >
              Open the session
            </Link>
          ) : null}
        </section>
        <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 className="mb-2 text-sm font-semibold">Recent errors</h2>
          {s.recentErrors.length ? (
            <ul className="space-y-1 text-sm">
              {s.recentErrors.map((e) => (
                <li key={e.traceId}>
                  <span className="font-mono text-xs">{e.traceId}</span>
                  <span className="block text-xs text-red-700">{e.error}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No errors.</p>
          )}
        </section>
      </div>
    </div>
  );
}
