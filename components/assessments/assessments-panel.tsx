"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useMemo, useState } from "react";
import { labelingKeys } from "@/components/labeling/query-keys";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import type { AssessmentDto } from "@/lib/assessments/schemas";
import type { SpanDto } from "@/lib/traces/schemas";
import { AssessmentCard } from "./assessment-card";
import { AssessmentForm, type AssessmentFormValues, type LabelSchemaHint } from "./assessment-form";
import { useAssessmentMutations } from "./use-assessment-mutations";
import { useAssessmentNames } from "./use-assessment-names";

interface Props {
  experimentId: string;
  traceId: string;
  assessments: AssessmentDto[];
  /** The name of a span of the trace, by id (undefined if unknown). */
  spanName: (spanId: string) => string | undefined;
  selectedSpan: Pick<SpanDto, "spanId" | "name"> | null;
  canEdit: boolean;
}

interface Entry {
  current: AssessmentDto;
  history: AssessmentDto[];
}

/** Current assessments (not replaced by another) with the chain they replaced, grouped by name and kind. */
function groupAssessments(all: AssessmentDto[]): { key: string; name: string; kind: string; entries: Entry[] }[] {
  const byId = new Map(all.map((a) => [a.assessmentId, a]));
  const replaced = new Set(all.flatMap((a) => (a.overrides && byId.has(a.overrides) ? [a.overrides] : [])));
  const groups = new Map<string, { key: string; name: string; kind: string; entries: Entry[] }>();
  for (const a of all) {
    if (replaced.has(a.assessmentId)) continue;
    const history: AssessmentDto[] = [];
    const seen = new Set([a.assessmentId]);
    for (
      let prev = a.overrides ? byId.get(a.overrides) : undefined;
      prev && !seen.has(prev.assessmentId);
      prev = prev.overrides ? byId.get(prev.overrides) : undefined
    ) {
      seen.add(prev.assessmentId);
      history.push(prev);
    }
    const key = `${a.kind}:${a.name}`;
    const g = groups.get(key) ?? { key, name: a.name, kind: a.kind, entries: [] };
    g.entries.push({ current: a, history });
    groups.set(key, g);
  }
  return [...groups.values()].sort((x, y) => x.name.localeCompare(y.name) || x.kind.localeCompare(y.kind));
}

/** Every assessment on the trace and its spans, with add/edit/override/delete for developers; read-only for reviewers. */
export function AssessmentsPanel({ experimentId, traceId, assessments, spanName, selectedSpan, canEdit }: Props) {
  const [adding, setAdding] = useState(false);
  // Label schemas come from the labeling feature; without it the names still come from existing assessments.
  const schemas = useQuery({
    queryKey: labelingKeys.schemas(experimentId),
    queryFn: ({ signal }) =>
      api.get<{ schemas: LabelSchemaHint[] }>(
        `/api/labeling/schemas?experimentId=${encodeURIComponent(experimentId)}&maxResults=500`,
        signal,
      ),
    select: (r) => r.schemas ?? [],
    enabled: canEdit,
  }).data;
  const namesQuery = useAssessmentNames(experimentId, canEdit).data;
  const names = useMemo(() => [...new Set((namesQuery ?? []).map((n) => n.name))], [namesQuery]);
  const groups = useMemo(() => groupAssessments(assessments), [assessments]);
  const mutation = useAssessmentMutations(experimentId, traceId);
  const create = (v: AssessmentFormValues, overrides?: string) =>
    mutation.mutate({
      op: "create",
      body: {
        name: v.name,
        kind: v.kind,
        value: v.value,
        rationale: v.rationale,
        spanId: v.spanId,
        ...(overrides ? { overrides } : {}),
      },
    });

  const targets = [
    ...(selectedSpan ? [{ spanId: selectedSpan.spanId, label: `Span: ${selectedSpan.name}` }] : []),
    { spanId: null, label: "Whole trace" },
  ];

  return (
    <div className="p-3" data-testid="assessments-panel">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Assessments</h3>
        {canEdit && !adding ? (
          <Button variant="secondary" className="!py-1 text-xs" onClick={() => setAdding(true)}>
            <Plus aria-hidden className="h-3 w-3" />
            Add new assessment
          </Button>
        ) : null}
      </div>
      {!canEdit ? (
        <p className="mb-2 text-xs text-slate-500">Read-only: reviewers label traces in the Review queue.</p>
      ) : null}
      {adding ? (
        <div className="mb-3">
          <AssessmentForm
            key={selectedSpan?.spanId ?? "trace"}
            mode="create"
            targets={targets}
            suggestions={names}
            schemas={schemas ?? []}
            onCancel={() => setAdding(false)}
            onSubmit={async (v) => {
              create(v);
              setAdding(false);
            }}
          />
        </div>
      ) : null}
      {groups.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-3 text-xs text-slate-500">
          No assessments yet.{" "}
          {canEdit
            ? "Add feedback (e.g. a thumbs up/down or a score) or an expectation (the correct answer) to this trace or a span."
            : "Feedback from users, judges and annotators will show here."}
        </p>
      ) : (
        <div className="space-y-3">
          {groups.map((g) => (
            <section key={g.key} data-testid="assessment-group" data-name={g.name}>
              <h4 className="mb-1 flex items-center gap-1 text-xs font-semibold text-slate-700">
                {g.name}
                <span className="rounded bg-slate-100 px-1 text-[10px] font-normal uppercase text-slate-700">
                  {g.kind === "EXPECTATION" ? "expectation" : "feedback"}
                </span>
              </h4>
              <ul className="space-y-1.5">
                {g.entries.map(({ current, history }) => (
                  <AssessmentCard
                    key={current.assessmentId}
                    assessment={current}
                    history={history}
                    spanName={current.spanId ? (spanName(current.spanId) ?? current.spanId) : null}
                    canEdit={canEdit}
                    onEdit={async (a, v) =>
                      mutation.mutate({
                        op: "edit",
                        assessmentId: a.assessmentId,
                        value: v.value,
                        rationale: v.rationale,
                      })
                    }
                    onOverride={async (a, v) =>
                      create({ ...v, name: a.name, kind: a.kind, spanId: a.spanId }, a.assessmentId)
                    }
                    onDelete={async (a) => mutation.mutate({ op: "delete", assessmentId: a.assessmentId })}
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
