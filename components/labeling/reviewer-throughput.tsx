"use client";

import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/ui/api-client";
import type { ReviewerThroughputDto } from "@/lib/labeling/throughput/active-time";
import { labelingKeys } from "./query-keys";

type Throughput = {
  reviewers: ReviewerThroughputDto[];
  slowest: { itemId: string; traceId: string; position: number; meanMs: number; maxMs: number; reviewers: number }[];
};

const duration = (ms: number | null) => {
  if (ms == null) return "—";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
};

/** Items per hour of active time per reviewer, and the items that took longest. */
export function ReviewerThroughput({ sessionId }: { sessionId: string }) {
  const q = useQuery({
    queryKey: [...labelingKeys.session(sessionId), "throughput"],
    queryFn: ({ signal }) => api.get<Throughput>(`/api/labeling/sessions/${sessionId}/throughput`, signal),
  });
  if (q.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(q.error)}
      </p>
    );
  if (!q.data)
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading…
      </p>
    );
  const { reviewers, slowest } = q.data;
  if (!reviewers.length) return <p className="text-sm text-slate-500">Nobody has submitted an item yet.</p>;
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="reviewer-throughput">
      <p className="text-xs text-slate-600">
        Active time: the review tab visible and focused with recent input, not time on the clock.
      </p>
      <table className="w-full">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className="px-2 py-1">Reviewer</th>
            <th className="px-2 py-1">Submitted</th>
            <th className="px-2 py-1">Active time</th>
            <th className="px-2 py-1">Items per hour</th>
            <th className="px-2 py-1">Median per item</th>
          </tr>
        </thead>
        <tbody>
          {reviewers.map((r) => (
            <tr key={r.userId} className="border-t border-slate-200" data-testid="throughput-row">
              <td className="px-2 py-1">{r.email}</td>
              <td className="px-2 py-1">{r.completed}</td>
              <td className="px-2 py-1" data-testid="throughput-active">
                {duration(r.activeMs)}
              </td>
              <td className="px-2 py-1">{r.itemsPerHour == null ? "—" : r.itemsPerHour.toFixed(1)}</td>
              <td className="px-2 py-1">{duration(r.medianMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {slowest.length ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Slowest items</h3>
          <ol className="flex flex-col gap-0.5 text-xs">
            {slowest.map((s) => (
              <li key={s.itemId}>
                #{s.position + 1} <span className="font-mono">{s.traceId}</span>: {duration(s.meanMs)} on average (
                {s.reviewers} reviewer{s.reviewers === 1 ? "" : "s"}, longest {duration(s.maxMs)})
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
