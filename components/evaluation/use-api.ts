"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, errorMessage } from "@/components/ui/api-client";
import { evaluationKeys } from "./query-keys";

/**
 * GETs `url` through the query client (refetching when it changes, and every `pollMs` while `poll`
 * holds for the latest answer); `null` waits. The previous answer stays shown while the next loads.
 */
export function useApi<T>(url: string | null, opts: { pollMs?: number; poll?: (data: T) => boolean } = {}) {
  const client = useQueryClient();
  const { pollMs, poll } = opts;
  const q = useQuery({
    queryKey: evaluationKeys.get(url ?? ""),
    queryFn: ({ signal }) => api.get<T>(url!, signal),
    enabled: url !== null,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (pollMs && query.state.data !== undefined && poll?.(query.state.data) ? pollMs : false),
  });
  const reload = useCallback(
    () => void client.invalidateQueries({ queryKey: evaluationKeys.get(url ?? "") }),
    [client, url],
  );
  return { data: q.data ?? null, error: q.error ? errorMessage(q.error) : null, reload };
}
