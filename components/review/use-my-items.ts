"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/components/ui/api-client";
import type { MyItemStatus, MyItemsDto } from "@/lib/labeling/review/types";
import { reviewKeys } from "./query-keys";

/** Other reviewers change what is left (they take and finish items): the list polls. */
const POLL_MS = 15_000;

/**
 * My items of a session, a page at a time, optionally one status only, with my counts (from
 * the first page). Invalidated by the queue after each submit, skip and claim; polled for the
 * changes other reviewers make.
 */
export function useMyItems(sessionId: string, status: MyItemStatus | "all") {
  return useInfiniteQuery({
    queryKey: reviewKeys.myItemsFiltered(sessionId, status),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ maxResults: "50" });
      if (status !== "all") params.set("status", status);
      if (pageParam) params.set("pageToken", pageParam);
      return api.get<MyItemsDto>(`/api/labeling/sessions/${sessionId}/my-items?${params}`, signal);
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextPageToken,
    refetchInterval: POLL_MS,
  });
}
