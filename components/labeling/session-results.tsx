"use client";

import { formatAnswerValue } from "@/lib/labeling/form-values";
import { extractTraceSummary } from "@/lib/traces/render";

/** The user's question from a request preview (JSON text, possibly truncated); the raw text otherwise. */
function questionOf(preview: string | null): string {
  if (!preview) return "";
  try {
    return extractTraceSummary(JSON.parse(preview), null).question ?? preview;
  } catch {
    return preview;
  }
}
import type { ResultRowDto } from "@/lib/labeling/types";

/** Every item of the session with every reviewer's answers, one column per question. */
export function SessionResults({
  schemas,
  rows,
  onRemove,
}: {
  schemas: { name: string; title: string }[];
  rows: ResultRowDto[];
  onRemove: (itemId: string) => void;
}) {
  if (!rows.length) return <p className="text-sm text-slate-500">No items yet: add traces above.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="session-results">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className="px-2 py-2">#</th>
            <th className="px-2 py-2">Trace</th>
            <th className="px-2 py-2">Request</th>
            <th className="px-2 py-2">Reviewer</th>
            {schemas.map((s) => (
              <th key={s.name} className="px-2 py-2" title={s.title}>
                {s.name}
              </th>
            ))}
            <th className="px-2 py-2" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const labels = r.labels.length ? r.labels : [null];
            return labels.map((l, i) => (
              <tr
                key={`${r.itemId}-${l?.userId ?? "none"}`}
                className={i === 0 ? "border-t border-slate-200" : ""}
                data-testid="result-row"
                data-trace-id={r.traceId}
              >
                {i === 0 ? (
                  <>
                    <td rowSpan={labels.length} className="px-2 py-1.5 align-top text-slate-500">
                      {r.position + 1}
                    </td>
                    <td rowSpan={labels.length} className="px-2 py-1.5 align-top font-mono text-xs">
                      {r.traceId}
                    </td>
                    <td
                      rowSpan={labels.length}
                      className="max-w-xs truncate px-2 py-1.5 align-top text-slate-600"
                      title={r.requestPreview ?? ""}
                    >
                      {questionOf(r.requestPreview)}
                    </td>
                  </>
                ) : null}
                <td className="px-2 py-1.5 text-slate-700">
                  {l ? l.email : <span className="text-slate-500">not labeled yet</span>}
                </td>
                {schemas.map((s) => (
                  <td key={s.name} className="max-w-xs px-2 py-1.5" title={l?.answers[s.name]?.comment ?? undefined}>
                    <span className="line-clamp-3 whitespace-pre-wrap">{formatAnswerValue(l?.answers[s.name])}</span>
                    {l?.answers[s.name]?.comment ? (
                      <span className="block text-xs italic text-slate-500">“{l.answers[s.name].comment}”</span>
                    ) : null}
                  </td>
                ))}
                {i === 0 ? (
                  <td rowSpan={labels.length} className="px-2 py-1.5 align-top">
                    <button
                      type="button"
                      className="text-xs text-slate-500 hover:text-red-600"
                      onClick={() => onRemove(r.itemId)}
                    >
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}
