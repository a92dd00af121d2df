"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { api, errorMessage, fieldIssues } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { AgreementStatBeforeAfter } from "@/lib/labeling/adjudication/compare";
import type { AdjudicationSummaryDto } from "@/lib/labeling/adjudication/types";
import { labelingKeys } from "./query-keys";
import { UserPicker, type PickedUser } from "./user-picker";

const pct = (v: number | null) => (v == null ? "—" : `${Math.round(v * 100)}%`);

/**
 * The session's adjudication option (on/off, numeric tolerance, adjudicators) and percent
 * agreement per question before and after adjudication.
 */
export function AdjudicationPanel({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  const base = `/api/labeling/sessions/${sessionId}/adjudication`;
  const key = [...labelingKeys.session(sessionId), "adjudication"];
  const summary = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<AdjudicationSummaryDto>(`${base}/summary`, signal),
  });
  const [draft, setDraft] = useState<{ tolerance: string; adjudicators: PickedUser[] } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: { enabled?: boolean; numericTolerance?: number; adjudicators?: string[] }) =>
      api.put(base, body),
    onSuccess: () => {
      setErrors({});
      setDraft(null);
      void client.invalidateQueries({ queryKey: labelingKeys.session(sessionId) });
    },
    onError: (err) => {
      const byField: Record<string, string> = {};
      for (const i of fieldIssues(err)) byField[i.path.replace(/^body\./, "").split(".")[0]!] = i.message;
      setErrors(Object.keys(byField).length ? byField : { _form: errorMessage(err) });
    },
  });
  const s = summary.data;
  if (summary.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(summary.error)}
      </p>
    );
  if (!s)
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading…
      </p>
    );
  const form = draft ?? { tolerance: String(s.numericTolerance), adjudicators: s.adjudicators };
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="adjudication-panel">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={s.enabled}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ enabled: e.target.checked })}
        />
        Send disagreements to adjudicators
      </label>
      <p className="text-xs text-slate-600">
        Once an item has all its labels, reviewers who chose different options (or numbers further apart than the
        tolerance) send it to the adjudicators, whose answer becomes the final one.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Numeric tolerance"
          type="number"
          min={0}
          step="any"
          className="w-40"
          value={form.tolerance}
          error={errors.numericTolerance}
          onChange={(e) => setDraft({ ...form, tolerance: e.target.value })}
        />
        <UserPicker
          label="Adjudicators"
          value={form.adjudicators}
          error={errors.adjudicators}
          onChange={(adjudicators) => setDraft({ ...form, adjudicators })}
        />
        <Button
          variant="secondary"
          disabled={!draft || save.isPending}
          title={draft ? undefined : "Change the tolerance or the adjudicators first"}
          onClick={() =>
            save.mutate({
              numericTolerance: form.tolerance.trim() === "" ? Number.NaN : Number(form.tolerance),
              adjudicators: form.adjudicators.map((u) => u.id),
            })
          }
        >
          Save
        </Button>
      </div>
      {errors._form ? (
        <p role="alert" className="text-sm text-red-600">
          {errors._form}
        </p>
      ) : null}
      <p data-testid="adjudication-counts">
        {s.open} waiting for an adjudicator · {s.resolved} settled ·{" "}
        <Link className="text-indigo-700 underline" href={`/review/adjudicate/${sessionId}`}>
          Open the adjudication queue
        </Link>
      </p>
      {s.agreement.length ? (
        <table className="w-full text-sm" data-testid="agreement-before-after">
          <caption className="mb-1 text-left text-xs text-slate-600">
            Agreement per question: percent, and the chance-corrected κ/α (after reads each settled item as its final
            answer)
          </caption>
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
            <tr>
              <th className="px-2 py-1">Question</th>
              <th className="px-2 py-1">Items</th>
              <th className="px-2 py-1">Before adjudication</th>
              <th className="px-2 py-1">After</th>
            </tr>
          </thead>
          <tbody>
            {s.agreement.map((g) => (
              <tr key={g.schema} className="border-t border-slate-200" data-testid={`agreement-${g.schema}`}>
                <td className="px-2 py-1 font-mono text-xs">{g.schema}</td>
                <td className="px-2 py-1">{g.items}</td>
                <td className="px-2 py-1">
                  {pct(g.percentBefore)} ({g.agreedBefore} agreed)
                  <StatLines stats={g.stats} pick="before" />
                </td>
                <td className="px-2 py-1">
                  {pct(g.percentAfter)} (+{g.adjudicated} adjudicated)
                  <StatLines stats={g.stats} pick="after" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** κ/α under the percent, one line each; "not defined" where the statistic has no value for these data. */
function StatLines({ stats, pick }: { stats: AgreementStatBeforeAfter[]; pick: "before" | "after" }) {
  return stats.map((st) => (
    <span key={st.label} className="block text-xs text-slate-600">
      {st.label}: {st[pick] === null ? "not defined" : st[pick]!.toFixed(2)}
    </span>
  ));
}
