"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/components/ui/api-client";
import type { AssessmentNameDto } from "@/lib/assessments/schemas";
import { assessmentKeys } from "./query-keys";

/** The assessment names used in an experiment (the trace table's columns, the panel's name suggestions). */
export function useAssessmentNames(experimentId: string, enabled = true) {
  return useQuery({
    queryKey: assessmentKeys.names(experimentId),
    queryFn: ({ signal }) =>
      api.get<{ names: AssessmentNameDto[] }>(
        `/api/assessments/names?experimentId=${encodeURIComponent(experimentId)}`,
        signal,
      ),
    select: (r) => r.names,
    enabled,
  });
}
