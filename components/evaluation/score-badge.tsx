import type { RunScoreDto } from "@/lib/evaluation/runs/types";

const fmt = (v: unknown) =>
  typeof v === "number"
    ? String(Math.round(v * 1000) / 1000)
    : typeof v === "string" || typeof v === "boolean"
      ? String(v)
      : JSON.stringify(v);

/** One scorer's result: green for yes/true, red for no/false, amber for an error; the rationale on hover and below. */
export function ScoreBadge({
  score,
  showRationale = true,
}: {
  score: RunScoreDto | undefined;
  showRationale?: boolean;
}) {
  if (!score) return <span className="text-slate-500">—</span>;
  if (score.error) {
    return (
      <span data-testid="score-error" title={score.error} className="block text-xs text-amber-700">
        <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium">error</span>{" "}
        <span className="line-clamp-3">{score.error}</span>
      </span>
    );
  }
  const v = score.value;
  const good = v === true || v === "yes";
  const bad = v === false || v === "no";
  const color = good
    ? "bg-emerald-100 text-emerald-800"
    : bad
      ? "bg-red-100 text-red-800"
      : "bg-slate-100 text-slate-800";
  return (
    <span className="block text-xs" title={score.rationale ?? undefined}>
      <span data-testid="score-value" className={`rounded px-1.5 py-0.5 font-medium ${color}`}>
        {fmt(v)}
      </span>
      {showRationale && score.rationale ? (
        <span className="mt-1 line-clamp-3 block text-slate-600">{score.rationale}</span>
      ) : null}
    </span>
  );
}
