/** Client-safe response types of the admin's item table. */
export interface ItemStatusDto {
  itemId: string;
  traceId: string;
  position: number;
  requestPreview: string | null;
  /** Submitted labels, and how many the session requires. */
  labels: number;
  required: number;
  reviewers: { userId: string; email: string; status: "IN_PROGRESS" | "COMPLETED" | "SKIPPED"; claimedAt: number }[];
  gold: boolean;
  adjudication: "OPEN" | "RESOLVED" | null;
  /** The conversation (session id) when the item is a whole conversation. */
  conversationId: string | null;
}
