import Link from "next/link";
import type { MlflowEvaluateRunDto } from "@/lib/evaluation/runs/types";

/** Runs logged by MLflow's `mlflow.genai.evaluate`: metrics, and a link to their traces with the scorers' assessments. */
export function MlflowEvaluateRuns({ experimentId, runs }: { experimentId: string; runs: MlflowEvaluateRunDto[] }) {
  if (!runs.length) return null;
  return (
    <section aria-label="Runs from mlflow.genai.evaluate">
      <h2 className="mb-2 text-sm font-semibold text-slate-700">Runs from mlflow.genai.evaluate</h2>
      <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="px-3 py-2">Run</th>
            <th className="px-3 py-2">Metrics</th>
            <th className="px-3 py-2">Traces</th>
            <th className="px-3 py-2">Assessments</th>
            <th className="w-40 px-3 py-2">Started</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <tr key={r.runId} data-testid="mlflow-eval-run-row">
              <td className="px-3 py-2">
                <span className="font-medium text-slate-800">{r.name}</span>
                <span className="ml-2 text-xs text-slate-500">{r.status}</span>
              </td>
              <td className="px-3 py-2 font-mono text-xs text-slate-700">
                {r.metrics
                  .map((m) => `${m.key} ${Number.isInteger(m.value) ? m.value : m.value.toFixed(3)}`)
                  .join(" · ")}
              </td>
              <td className="px-3 py-2">
                <Link
                  className="text-indigo-700 hover:underline"
                  href={`/experiments/${experimentId}/traces?q=${encodeURIComponent(`run_id = '${r.runId}'`)}`}
                >
                  {r.traceCount} traces
                </Link>
              </td>
              <td className="px-3 py-2 text-slate-600">{r.assessmentCount}</td>
              <td className="px-3 py-2 text-slate-600">{new Date(r.startTimeMs).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
