"use client";

import { useQuery } from "@tanstack/react-query";
import { traceKeys } from "@/components/cache/trace-keys";
import { api } from "@/components/ui/api-client";
import type { TraceWithSpansDto } from "@/lib/traces/schemas";

/** One trace with its spans and assessments (assessment mutations update and invalidate this query). */
export function useTrace(traceId: string) {
  return useQuery({
    queryKey: traceKeys.detail(traceId),
    queryFn: ({ signal }) => api.get<TraceWithSpansDto>(`/api/traces/${encodeURIComponent(traceId)}`, signal),
  });
}
