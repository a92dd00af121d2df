/** Query keys of the Review App: a session's items by id (the queue moves between them) and my item list. */
export const reviewKeys = {
  session: (sessionId: string) => ["review", sessionId] as const,
  item: (sessionId: string, itemId: string) => ["review", sessionId, "item", itemId] as const,
  /** Every page and filter of my item list (invalidated after each submit, skip and claim). */
  myItems: (sessionId: string) => ["review", sessionId, "my-items"] as const,
  myItemsFiltered: (sessionId: string, status: string) => ["review", sessionId, "my-items", status] as const,
};
