/** Client-safe contract for adding whole conversations to a labeling session. */
import { z } from "zod";

/**
 * POST …/sessions/<id>/conversations: every conversation (traces sharing `mlflow.trace.session`)
 * that has a trace matching `filter`, or the conversations named in `conversationIds`.
 */
export const ZAddConversationsBody = z
  .object({
    filter: z
      .string({ error: "must be text" })
      .trim()
      .min(1, "must not be empty")
      .max(4000, "must be at most 4000 characters")
      .optional(),
    conversationIds: z
      .array(
        z
          .string({ error: "must be text" })
          .trim()
          .min(1, "must not be empty")
          .max(256, "must be at most 256 characters"),
      )
      .min(1, "must have at least one conversation id")
      .max(1000, "must have at most 1000 conversation ids")
      .optional(),
  })
  .refine((b) => (b.filter === undefined) !== (b.conversationIds === undefined), {
    message: "give either filter or conversationIds, not both and not neither",
  });
export type TAddConversationsBody = z.infer<typeof ZAddConversationsBody>;
