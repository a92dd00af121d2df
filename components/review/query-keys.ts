/** Query keys of the Review App: a session's items by id (the queue moves between them). */
export const reviewKeys = {
  session: (sessionId: string) => ["review", sessionId] as const,
  item: (sessionId: string, itemId: string) => ["review", sessionId, "item", itemId] as const,
};
