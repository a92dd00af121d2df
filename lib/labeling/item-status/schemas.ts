/** Client-safe contracts of the admin's item table: release or reassign a reviewer's claim. */
import { z } from "zod";

const ZUserRef = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(320, "must be at most 320 characters");

/** POST …/items/<itemId>/release: frees the item from this reviewer's unfinished (or skipped) claim. */
export const ZReleaseClaimBody = z.object({ userId: ZUserRef });
export type TReleaseClaimBody = z.infer<typeof ZReleaseClaimBody>;

/** POST …/items/<itemId>/reassign: moves an unfinished claim (or a free slot) to another reviewer (id or email). */
export const ZReassignClaimBody = z.object({ fromUserId: ZUserRef.optional(), toUser: ZUserRef });
export type TReassignClaimBody = z.infer<typeof ZReassignClaimBody>;
