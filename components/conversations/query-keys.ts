/** Query keys of the conversations cache: lists per experiment (one invalidation refreshes all pages), one entry per conversation. */
export const conversationKeys = {
  lists: (experimentId: string) => ["conversations", "list", experimentId] as const,
  list: (experimentId: string, filter: string, page: number) =>
    ["conversations", "list", experimentId, filter, page] as const,
  detail: (experimentId: string, sessionId: string) => ["conversations", "detail", experimentId, sessionId] as const,
};
