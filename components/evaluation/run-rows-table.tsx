import Link from "next/link";
import type { RunRowDto } from "@/lib/evaluation/runs/types";
import { ScoreBadge } from "./score-badge";
import { ValueText } from "./value-text";

/** A run's rows: inputs, output, expectation, every score with its rationale, and a link to the row's trace. */
export function RunRowsTable({
  experimentId,
  rows,
  scorerNames,
}: {
  experimentId: string;
  rows: RunRowDto[];
  scorerNames: string[];
}) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className="w-10 px-3 py-2">#</th>
            <th className="px-3 py-2">Inputs</th>
            <th className="px-3 py-2">Output</th>
            <th className="px-3 py-2">Expectations</th>
            {scorerNames.map((n) => (
              <th key={n} className="px-3 py-2">
                {n}
              </th>
            ))}
            <th className="w-28 px-3 py-2">Trace</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((r) => (
            <tr key={r.id} data-testid="result-row" className={r.status === "ERROR" ? "bg-amber-50/50" : ""}>
              <td className="px-3 py-2 text-slate-500">{r.position + 1}</td>
              <td className="max-w-xs px-3 py-2">
                <ValueText value={r.inputs} />
              </td>
              <td className="max-w-xs px-3 py-2">
                <ValueText value={r.outputs} />
                {r.status === "PENDING" ? <span className="text-xs text-slate-500">pending…</span> : null}
              </td>
              <td className="max-w-xs px-3 py-2">
                <ValueText
                  value={Object.keys(r.expectations).length === 1 ? Object.values(r.expectations)[0] : r.expectations}
                />
              </td>
              {scorerNames.map((n) => (
                <td key={n} className="max-w-xs px-3 py-2">
                  <ScoreBadge score={r.scores.find((s) => s.scorerName === n)} />
                </td>
              ))}
              <td className="px-3 py-2">
                {r.traceId ? (
                  <Link
                    data-testid="row-trace-link"
                    href={`/experiments/${experimentId}/traces/${r.traceId}`}
                    className="font-mono text-xs text-indigo-700 hover:underline"
                  >
                    {r.traceId.slice(0, 11)}…
                  </Link>
                ) : (
                  <span className="text-xs text-slate-500">none</span>
                )}
                {r.status === "ERROR" && r.error && !r.scores.length ? (
                  <span className="mt-1 block text-xs text-amber-700">{r.error}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
