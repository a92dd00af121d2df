import type { RunDetailDto } from "@/lib/evaluation/runs/types";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 1000) / 10}%`);

/** Per-scorer figures (pass rate for yes/no scorers, mean for numeric ones) and judge alignment with humans. */
export function RunSummary({ run }: { run: RunDetailDto }) {
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {run.summary.map((s) => (
          <div key={s.name} data-testid="scorer-summary" className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <div className="text-xs font-medium uppercase text-slate-500">{s.name}</div>
            <div className="mt-1 text-2xl font-semibold text-slate-900">
              {s.mean !== null && s.pass + s.fail === 0
                ? (Math.round(s.mean * 1000) / 1000).toString()
                : pct(s.passRate)}
            </div>
            <div className="text-xs text-slate-600">
              {s.pass + s.fail > 0
                ? `${s.pass} pass · ${s.fail} fail`
                : s.mean !== null
                  ? `mean of ${s.scored}`
                  : `${s.scored} scored`}
              {s.errors ? <span className="text-amber-700"> · {s.errors} errors</span> : null}
            </div>
          </div>
        ))}
      </div>
      {run.alignment.length ? (
        <div data-testid="judge-alignment" className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
          <div className="font-medium">Judge alignment with human feedback</div>
          <ul className="mt-1 text-slate-700">
            {run.alignment.map((a) => (
              <li key={a.name}>
                <span className="font-mono">{a.name}</span>: judge and humans agree on {a.agree} of {a.pairs} (
                {pct(a.rate)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
