/** Client-safe contracts of adjudication: the session option and an adjudicator's final answer. */
import { z } from "zod";
import { MAX_COMMENT_CHARS } from "@/lib/labeling/schemas";
import { ZPageTokenQuery } from "@/lib/paging/schemas";

const ZUserRef = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(320, "must be at most 320 characters");

/** PUT …/sessions/<id>/adjudication: turn it on or off, the numeric tolerance, who adjudicates (user ids or emails). */
export const ZUpdateAdjudicationBody = z
  .strictObject({
    enabled: z.boolean({ error: "must be true or false" }).optional(),
    numericTolerance: z
      .number({ error: "must be a number" })
      .min(0, "must be 0 or more")
      .max(1e9, "must be at most 1000000000")
      .optional(),
    adjudicators: z.array(ZUserRef).max(100, "must have at most 100 adjudicators").optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "must change at least one field" });
export type TUpdateAdjudicationBody = z.infer<typeof ZUpdateAdjudicationBody>;

/** GET …/adjudication/items: the open (default) or settled items, a page at a time. */
export const ZAdjudicationListQuery = ZPageTokenQuery.extend({
  status: z.enum(["OPEN", "RESOLVED"], { error: "must be OPEN or RESOLVED" }).default("OPEN"),
});
export type TAdjudicationListQuery = z.infer<typeof ZAdjudicationListQuery>;

/** POST …/adjudication/items/<itemId>: the final answers, keyed by label schema name (checked against each schema). */
export const ZResolveAdjudicationBody = z.object({
  answers: z.record(
    z.string(),
    z.object({
      value: z.unknown(),
      comment: z
        .string({ error: "must be text" })
        .max(MAX_COMMENT_CHARS, `must be at most ${MAX_COMMENT_CHARS} characters`)
        .optional(),
    }),
  ),
});
export type TResolveAdjudicationBody = z.infer<typeof ZResolveAdjudicationBody>;
