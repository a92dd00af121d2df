"use client";

import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/ui/api-client";
import type { GoldAccuracyDto } from "@/lib/labeling/gold/accuracy";
import { labelingKeys } from "./query-keys";

/** Each reviewer's accuracy on the gold items, per question. */
export function GoldAccuracy({ sessionId }: { sessionId: string }) {
  const q = useQuery({
    queryKey: [...labelingKeys.session(sessionId), "gold"],
    queryFn: ({ signal }) =>
      api.get<{ goldItems: number; accuracy: GoldAccuracyDto[] }>(`/api/labeling/sessions/${sessionId}/gold`, signal),
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
  if (!q.data.goldItems)
    return (
      <p className="text-sm text-slate-500">
        No gold items yet: use “Mark gold” on an item below to give it a known answer.
      </p>
    );
  return (
    <div className="text-sm" data-testid="gold-accuracy">
      <p className="mb-2 text-xs text-slate-600">{q.data.goldItems} gold item(s), mixed into the queue unannounced.</p>
      {q.data.accuracy.length ? (
        <table className="w-full">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr>
              <th className="px-2 py-1">Reviewer</th>
              <th className="px-2 py-1">Question</th>
              <th className="px-2 py-1">Accuracy</th>
            </tr>
          </thead>
          <tbody>
            {q.data.accuracy.map((r) => (
              <tr key={`${r.userId}-${r.schema}`} className="border-t border-slate-200" data-testid="gold-accuracy-row">
                <td className="px-2 py-1">{r.email}</td>
                <td className="px-2 py-1 font-mono text-xs">{r.schema}</td>
                <td className="px-2 py-1">
                  {r.accuracy == null ? "—" : `${Math.round(r.accuracy * 100)}%`} ({r.correct} of {r.answered})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-slate-500">Nobody has answered a gold item yet.</p>
      )}
    </div>
  );
}
