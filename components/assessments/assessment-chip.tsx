import type { AssessmentDto } from "@/lib/assessments/schemas";
import { AssessmentValue } from "./assessment-value";

/** A compact value (pass/fail, number, label) with the rationale and source on hover. */
export function AssessmentChip({ assessment }: { assessment: AssessmentDto }) {
  const v = assessment.value;
  const tone =
    v === false || v === "no"
      ? "bg-red-50 text-red-700 ring-red-200"
      : v === true || v === "yes"
        ? "bg-emerald-50 text-emerald-700 ring-emerald-200"
        : "bg-slate-50 text-slate-700 ring-slate-200";
  return (
    <span
      data-testid="assessment-chip"
      title={[assessment.rationale, `by ${assessment.source.sourceId}`].filter(Boolean).join(" — ")}
      className={`inline-block max-w-[14rem] truncate rounded px-1.5 py-0.5 text-xs ring-1 ${tone}`}
    >
      {assessment.error ? `error: ${assessment.error.errorCode}` : <AssessmentValue value={v} />}
    </span>
  );
}
