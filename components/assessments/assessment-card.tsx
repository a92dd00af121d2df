"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { AssessmentValue } from "./assessment-value";
import { formTextOf, valueTypeOf } from "@/lib/assessments/form-value";
import type { AssessmentDto } from "@/lib/assessments/schemas";
import { AssessmentForm, type AssessmentFormValues } from "./assessment-form";

interface Props {
  assessment: AssessmentDto;
  /** Older assessments this one replaced (newest first), shown struck through beneath it. */
  history: AssessmentDto[];
  spanName: string | null;
  canEdit: boolean;
  onEdit: (a: AssessmentDto, v: AssessmentFormValues) => Promise<void>;
  onOverride: (a: AssessmentDto, v: AssessmentFormValues) => Promise<void>;
  onDelete: (a: AssessmentDto) => Promise<void>;
}

/** Who gave it: an end user (HUMAN with no account here), a person signed in here, an LLM judge or code. */
export function sourceLabel(a: AssessmentDto): string {
  switch (a.source.sourceType) {
    case "HUMAN":
      return a.createdById ? `${a.source.sourceId} (annotator)` : `End user ${a.source.sourceId}`;
    case "LLM_JUDGE":
      return `LLM judge ${a.source.sourceId}`;
    case "CODE":
      return `Code ${a.source.sourceId}`;
    default:
      return a.source.sourceId;
  }
}

function Body({ a, spanName }: { a: AssessmentDto; spanName: string | null }) {
  return (
    <>
      <div className="flex items-baseline gap-2">
        <span
          data-testid="assessment-value"
          className={`font-medium ${a.valid ? "text-slate-900" : "text-slate-500 line-through"}`}
        >
          {a.error ? `Error ${a.error.errorCode}: ${a.error.errorMessage ?? ""}` : <AssessmentValue value={a.value} />}
        </span>
        <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-600">
          {spanName ? `Span: ${spanName}` : "Trace"}
        </span>
      </div>
      {/* Rationales come from outside (end users, judges): plain text only. */}
      {a.rationale ? (
        <p
          data-testid="assessment-rationale"
          className={`mt-0.5 whitespace-pre-wrap text-xs ${a.valid ? "text-slate-700" : "text-slate-500 line-through"}`}
        >
          {a.rationale}
        </p>
      ) : null}
      <p className="mt-0.5 text-[11px] text-slate-500">
        <span data-testid="assessment-source">{sourceLabel(a)}</span> ·{" "}
        <time dateTime={new Date(a.lastUpdateTimeMs).toISOString()}>
          {new Date(a.lastUpdateTimeMs).toLocaleString()}
        </time>
      </p>
    </>
  );
}

/** One assessment with its history, and (for developers) edit, override and delete. */
export function AssessmentCard({ assessment: a, history, spanName, canEdit, onEdit, onOverride, onDelete }: Props) {
  const [mode, setMode] = useState<"view" | "edit" | "override">("view");
  // Saved optimistically: no actions until the server has given it an id.
  const pending = a.assessmentId.startsWith("pending-");
  const initial = {
    kind: a.kind,
    name: a.name,
    valueType: valueTypeOf(a.value),
    valueText: formTextOf(a.value),
    rationale: a.rationale ?? "",
    spanId: a.spanId,
  };
  return (
    <li
      data-testid="assessment-card"
      data-assessment-id={a.assessmentId}
      data-valid={a.valid}
      className="rounded-md bg-white p-2 ring-1 ring-slate-200"
    >
      {mode === "edit" || mode === "override" ? (
        <AssessmentForm
          mode={mode}
          initial={mode === "override" ? { ...initial, rationale: "" } : initial}
          onCancel={() => setMode("view")}
          onSubmit={async (v) => {
            await (mode === "edit" ? onEdit(a, v) : onOverride(a, v));
            setMode("view");
          }}
        />
      ) : (
        <Body a={a} spanName={spanName} />
      )}
      {canEdit && mode === "view" && !pending ? (
        <div className="mt-1 flex gap-1">
          <Button variant="ghost" className="!px-1.5 !py-0.5 text-xs" onClick={() => setMode("edit")}>
            Edit
          </Button>
          <Button variant="ghost" className="!px-1.5 !py-0.5 text-xs" onClick={() => setMode("override")}>
            Override
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="ghost" className="!px-1.5 !py-0.5 text-xs text-red-700">
                Delete
              </Button>
            }
            title="Delete this assessment?"
            description={
              a.overrides ? "The assessment it replaced becomes current again." : "It is removed from the trace."
            }
            confirmLabel="Delete"
            onConfirm={() => void onDelete(a)}
          />
        </div>
      ) : null}
      {history.length ? (
        <ul className="mt-2 space-y-1 border-l-2 border-slate-200 pl-2" aria-label="History">
          {history.map((h) => (
            <li
              key={h.assessmentId}
              data-testid="assessment-history"
              data-assessment-id={h.assessmentId}
              className="opacity-80"
            >
              <Body a={h} spanName={spanName} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
