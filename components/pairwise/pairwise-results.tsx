"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError, api, errorMessage } from "@/components/ui/api-client";
import type { PairwiseResultsDto } from "@/lib/pairwise/schemas";

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A compare session's results on its page: win rate per version with its 95% Wilson interval,
 * and how much the reviewers agree. Renders nothing for an ordinary session.
 */
export function PairwiseResults({ sessionId }: { sessionId: string }) {
  const results = useQuery({
    queryKey: ["pairwise-results", sessionId],
    queryFn: ({ signal }) => api.get<PairwiseResultsDto>(`/api/pairwise/sessions/${sessionId}/results`, signal),
    retry: false,
    refetchInterval: 10_000,
  });
  if (results.error instanceof ApiError && results.error.status === 404) return null;
  if (results.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(results.error)}
      </p>
    );
  const r = results.data;
  if (!r) return null;
  return (
    <section data-testid="pairwise-results" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">Comparison: {r.pairCount} pairs</h2>
      <table className="text-sm">
        <caption className="sr-only">Win rates</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th className="pr-4">Version</th>
            <th className="pr-4">Wins</th>
            <th className="pr-4">Losses</th>
            <th className="pr-4">Ties</th>
            <th className="pr-4">Win rate (95% CI)</th>
          </tr>
        </thead>
        <tbody>
          {r.winRates.versions.map((v) => (
            <tr key={v.version} data-testid="win-rate" data-version={v.version}>
              <td className="pr-4 font-medium">{v.label}</td>
              <td className="pr-4">{v.wins}</td>
              <td className="pr-4">{v.losses}</td>
              <td className="pr-4">{v.ties}</td>
              <td className="pr-4">
                {v.winRate === null ? "no comparisons yet" : `${pct(v.winRate)} (${pct(v.ci!.low)}–${pct(v.ci!.high)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="pairwise-agreement" className="mt-2 text-sm text-slate-700">
        {r.agreement
          ? `Agreement between ${r.agreement.raters.join(" and ")} on ${r.agreement.pairs} pairs: ${pct(r.agreement.observedAgreement)} the same choice, Cohen's κ ${r.agreement.kappa === null ? "not defined" : r.agreement.kappa.toFixed(2)}.`
          : "Agreement is shown once two reviewers have compared the same pairs."}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {r.winRates.comparisons} choices by {r.reviewers.length} reviewer{r.reviewers.length === 1 ? "" : "s"}; a tie
        counts as half a win for each version.
      </p>
    </section>
  );
}
