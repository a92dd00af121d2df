"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/components/ui/api-client";
import type { ConversationDto, ListConversationsResult } from "@/lib/conversations/schemas";
import { conversationKeys } from "./query-keys";

export const CONVERSATIONS_PAGE_SIZE = 50;

/** Page tokens are base64 of {"offset": N} (lib/paging/page-token.ts), so page N is addressable from the URL. */
const tokenFor = (page: number) =>
  page <= 1 ? null : btoa(JSON.stringify({ offset: (page - 1) * CONVERSATIONS_PAGE_SIZE }));

/** One page of an experiment's conversations for a filter (the traces grammar). */
export function useConversationList(experimentId: string, filter: string, page: number) {
  return useQuery({
    queryKey: conversationKeys.list(experimentId, filter, page),
    queryFn: ({ signal }) => {
      const qs = new URLSearchParams({ maxResults: String(CONVERSATIONS_PAGE_SIZE) });
      if (filter.trim()) qs.set("filter", filter);
      const token = tokenFor(page);
      if (token) qs.set("pageToken", token);
      return api.get<ListConversationsResult>(
        `/api/experiments/${encodeURIComponent(experimentId)}/conversations?${qs}`,
        signal,
      );
    },
    placeholderData: keepPreviousData,
  });
}

/** One conversation with its turns. */
export function useConversation(experimentId: string, sessionId: string) {
  return useQuery({
    queryKey: conversationKeys.detail(experimentId, sessionId),
    queryFn: ({ signal }) =>
      api.get<ConversationDto>(
        `/api/experiments/${encodeURIComponent(experimentId)}/conversations/${encodeURIComponent(sessionId)}`,
        signal,
      ),
  });
}
