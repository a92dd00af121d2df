"use client";

import Link from "next/link";
import type { JudgeAgreementDto } from "@/lib/evaluation/custom-judges/types";
import { useApi } from "./use-api";
import { ValueText } from "./value-text";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 1000) / 10}%`);
const kappaText = (k: number | null) => (k === null ? "not defined" : (Math.round(k * 1000) / 1000).toFixed(3));

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <div className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="text-lg font-semibold text-slate-900">{value}</div>
      {hint ? <div className="text-xs text-slate-500">{hint}</div> : null}
    </div>
  );
}

/** One judge version against the experts: κ, accuracy, confusion matrix, disagreeing traces. */
export function JudgeAgreement({ experimentId, a }: { experimentId: string; a: JudgeAgreementDto }) {
  return (
    <section
      data-testid="judge-agreement"
      aria-label={`${a.judgeName} version ${a.version} agreement`}
      className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200"
    >
      <h3 className="text-sm font-medium text-slate-900">
        {a.judgeName} <span className="text-slate-500">v{a.version}</span> against the experts&apos; label{" "}
        <span className="font-mono">{a.labelName}</span>
      </h3>
      {a.compared === 0 ? (
        <p className="text-sm text-slate-600">
          No trace this judge scored has an expert label named <span className="font-mono">{a.labelName}</span> yet.
          Label some of them in a labeling session (or the trace view) to see agreement.
          {a.expertsDisagree ? ` ${a.expertsDisagree} trace(s) have experts who disagree with each other.` : ""}
        </p>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-2 md:grid-cols-4">
            <Figure label="Cohen's κ" value={kappaText(a.kappa)} />
            <Figure label="Accuracy" value={pct(a.accuracy)} hint={`${a.agreed} of ${a.compared} traces`} />
            <Figure label="Experts disagree" value={String(a.expertsDisagree)} hint="no adjudicated label" />
            <Figure label="Not labelled" value={String(a.unlabelled)} hint="scored, no expert label" />
          </div>
          <div className="overflow-x-auto">
            <table className="text-sm" data-testid="confusion-matrix">
              <caption className="mb-1 text-left text-xs text-slate-500">
                Confusion matrix: rows are the experts&apos; labels, columns the judge&apos;s
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1 text-left text-xs text-slate-500">
                    experts \ judge
                  </th>
                  {a.labels.map((l) => (
                    <th key={l} scope="col" className="px-2 py-1 text-right font-mono text-xs">
                      {l}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {a.labels.map((row, i) => (
                  <tr key={row}>
                    <th scope="row" className="px-2 py-1 text-left font-mono text-xs">
                      {row}
                    </th>
                    {a.matrix[i]!.map((n, j) => (
                      <td
                        key={a.labels[j]}
                        className={`px-2 py-1 text-right tabular-nums ${i === j ? "bg-emerald-50 font-medium" : n ? "bg-red-50" : ""}`}
                      >
                        {n}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {a.disagreements.length ? (
            <div>
              <div className="text-xs font-medium uppercase text-slate-500">
                Disagreeing traces ({a.compared - a.agreed})
              </div>
              <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="disagreements">
                {a.disagreements.map((d) => (
                  <li key={d.traceId} className="flex flex-wrap items-baseline gap-2 py-1">
                    <Link
                      href={`/experiments/${experimentId}/traces/${d.traceId}`}
                      className="font-mono text-xs text-indigo-700 hover:underline"
                    >
                      {d.traceId}
                    </Link>
                    <span className="text-xs text-slate-600">
                      judge <ValueText value={d.judge} /> · experts <ValueText value={d.human} />
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Loads agreement figures from `url` (a run's or a judge's) and shows each judge version. */
export function JudgeAgreementPanel({
  experimentId,
  url,
  title,
}: {
  experimentId: string;
  url: string;
  title: string;
}) {
  const { data, error } = useApi<{ judges?: JudgeAgreementDto[]; versions?: JudgeAgreementDto[] }>(url);
  if (error) return <p className="text-sm text-red-600">{error}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading agreement…</p>;
  const list = data.judges ?? data.versions ?? [];
  return (
    <div className="space-y-2">
      <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
      {list.length ? (
        list.map((a) => <JudgeAgreement key={`${a.judgeId}-${a.version}`} experimentId={experimentId} a={a} />)
      ) : (
        <p className="text-sm text-slate-600">No custom judge has scored anything yet.</p>
      )}
    </div>
  );
}
