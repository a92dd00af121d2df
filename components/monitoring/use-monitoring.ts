"use client";

import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "@/components/ui/api-client";
import { monitoringKeys } from "./query-keys";

/** GETs a monitoring API path, polling every `pollMs` when given (live counts and backfill progress). */
export function useMonitoring<T>(url: string, pollMs?: number) {
  const q = useQuery({
    queryKey: monitoringKeys.get(url),
    queryFn: ({ signal }) => api.get<T>(url, signal),
    refetchInterval: pollMs ?? false,
  });
  return { data: q.data ?? null, error: q.error ? errorMessage(q.error) : null };
}
