"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { traceKeys } from "@/components/cache/trace-keys";
import { api, errorMessage } from "@/components/ui/api-client";
import type { AssessmentDto, JsonValue, TAssessmentKind } from "@/lib/assessments/schemas";
import type { TraceInfoDto } from "@/lib/traces/schemas";
import { assessmentKeys } from "./query-keys";

export interface NewAssessment {
  name: string;
  kind: TAssessmentKind;
  value: JsonValue;
  rationale: string | null;
  spanId: string | null;
  overrides?: string;
}

type Change =
  | { op: "create"; body: NewAssessment }
  | { op: "edit"; assessmentId: string; value: JsonValue; rationale: string | null }
  | { op: "delete"; assessmentId: string };

let pendingSeq = 0;

/** What the trace shows while the request runs (the server's answer then replaces it). */
function applyOptimistic(list: AssessmentDto[], change: Change, traceId: string): AssessmentDto[] {
  const now = Date.now();
  switch (change.op) {
    case "create": {
      const { overrides, ...b } = change.body;
      const pending: AssessmentDto = {
        ...b,
        assessmentId: `pending-${++pendingSeq}`,
        traceId,
        error: null,
        source: { sourceType: "HUMAN", sourceId: "you" },
        metadata: {},
        overrides: overrides ?? null,
        valid: true,
        runId: null,
        createdById: "pending",
        createTimeMs: now,
        lastUpdateTimeMs: now,
      };
      return [...list.map((a) => (a.assessmentId === overrides ? { ...a, valid: false } : a)), pending];
    }
    case "edit":
      return list.map((a) =>
        a.assessmentId === change.assessmentId
          ? { ...a, value: change.value, rationale: change.rationale, lastUpdateTimeMs: now }
          : a,
      );
    case "delete":
      return list.filter((a) => a.assessmentId !== change.assessmentId);
  }
}

/**
 * Add, edit, override and delete a trace's assessments. The trace's cached assessments change at once
 * (a developer clicking through spans should not wait for each save), are rolled back with a toast when
 * the server refuses, and the trace, the experiment's trace lists (their assessment columns) and the
 * assessment names are refetched when the request settles.
 */
export function useAssessmentMutations(experimentId: string, traceId: string) {
  const client = useQueryClient();
  const key = traceKeys.detail(traceId);
  const base = `/api/traces/${encodeURIComponent(traceId)}/assessments`;
  return useMutation({
    mutationFn: (change: Change) => {
      switch (change.op) {
        case "create":
          return api.post<unknown>(base, change.body);
        case "edit":
          return api.patch<unknown>(`${base}/${change.assessmentId}`, {
            value: change.value,
            rationale: change.rationale,
            mask: ["value", "rationale"],
          });
        case "delete":
          return api.delete<unknown>(`${base}/${change.assessmentId}`);
      }
    },
    onMutate: async (change) => {
      await client.cancelQueries({ queryKey: key });
      // The trace view's cache entry: the info and a tree of spans (only the info changes here).
      const previous = client.getQueryData<{ info: TraceInfoDto }>(key);
      if (previous)
        client.setQueryData<{ info: TraceInfoDto }>(key, {
          ...previous,
          info: { ...previous.info, assessments: applyOptimistic(previous.info.assessments, change, traceId) },
        });
      return { previous };
    },
    onError: (err, _change, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toast.error(`Assessment not saved: ${errorMessage(err)}`);
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: key }),
        client.invalidateQueries({ queryKey: traceKeys.searches(experimentId) }),
        client.invalidateQueries({ queryKey: assessmentKeys.names(experimentId) }),
      ]),
  });
}
