import type { SessionAgreementDto } from "@/lib/labeling/types";

const fmt = (v: number | null) => (v === null ? "n/a" : v.toFixed(3));

/** Agreement per question (kappa / alpha) and the items reviewers disagree on most. */
export function SessionAgreement({
  agreement,
  onOpenTrace,
}: {
  agreement: SessionAgreementDto;
  onOpenTrace?: (traceId: string) => void;
}) {
  return (
    <div className="flex flex-col gap-3" data-testid="session-agreement">
      {agreement.labelsPerItem < 2 ? (
        <p className="text-xs text-slate-500">
          This session asks one reviewer per item, so agreement can only be measured on items that several people
          labeled anyway.
        </p>
      ) : null}
      {agreement.schemas.map((s) => (
        <section key={s.schema} className="rounded-md border border-slate-200 p-3">
          <h4 className="text-sm font-semibold">
            {s.title} <span className="font-mono text-xs text-slate-500">{s.schema}</span>
          </h4>
          <p className="text-xs text-slate-500">
            {s.itemsWithMultipleLabels} item(s) with 2+ labels · {s.raters} reviewer(s)
          </p>
          {s.note ? <p className="mt-1 text-sm text-slate-600">{s.note}</p> : null}
          {s.stats.length ? (
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
              {s.stats.map((st) => (
                <div key={st.label} className="contents">
                  <dt className="text-slate-600">{st.label}</dt>
                  <dd className="font-mono">{fmt(st.value)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {s.disagreements.length ? (
            <div className="mt-2">
              <p className="text-xs font-semibold uppercase text-slate-500">Most disagreement</p>
              <ul className="text-sm">
                {s.disagreements.map((d) => (
                  <li key={d.itemId} className="flex gap-2">
                    <button
                      type="button"
                      className="font-mono text-xs text-indigo-700 hover:underline"
                      onClick={() => onOpenTrace?.(d.traceId)}
                    >
                      {d.traceId}
                    </button>
                    <span className="text-slate-700">{d.summary}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
    </div>
  );
}
