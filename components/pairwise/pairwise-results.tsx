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
    refetchInterval: (q) => (q.state.data?.generation.status === "GENERATING" ? 2000 : 10_000),
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
      {r.generation.status !== "READY" ? (
        <p data-testid="pairwise-generation" role="status" className="mb-2 text-sm text-slate-600">
          {r.generation.status === "GENERATING"
            ? `The agents have answered ${r.generation.ready} of ${r.generation.total} inputs; reviewers can compare those already.`
            : `The agents stopped after ${r.generation.ready} of ${r.generation.total} inputs: ${r.generation.error ?? "unknown error"}`}
        </p>
      ) : null}
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
      {r.schemaAnswers.length ? (
        <table data-testid="pairwise-schema-answers" className="mt-3 text-sm">
          <caption className="mb-1 text-left text-xs font-semibold text-slate-500">Answers per version</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="pr-4">Question</th>
              <th className="pr-4">{r.labelA}</th>
              <th className="pr-4">{r.labelB}</th>
            </tr>
          </thead>
          <tbody>
            {r.schemaAnswers.map((q) => (
              <tr key={q.name} data-schema={q.name}>
                <td className="pr-4 font-medium">{q.title}</td>
                {(["A", "B"] as const).map((v) => (
                  <td key={v} data-version={v} className="pr-4">
                    {Object.entries(q[v])
                      .map(([value, n]) => `${value}: ${n}`)
                      .join(", ") || "–"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">
        {r.winRates.comparisons} choices by {r.reviewers.length} reviewer{r.reviewers.length === 1 ? "" : "s"}; a tie
        counts as half a win for each version.
      </p>
    </section>
  );
}
