/** Client-safe contracts of gold items (items with a known answer). */
import { z } from "zod";

/**
 * PUT …/items/<itemId>/gold: the known answers, typed (`answers`, keyed by label schema name) or
 * taken from the expectations already on the trace (`fromExpectations: true`).
 */
export const ZSetGoldBody = z
  .strictObject({
    answers: z.record(z.string(), z.unknown()).optional(),
    fromExpectations: z.literal(true, { error: "must be true when given" }).optional(),
  })
  .refine((b) => (b.answers === undefined) !== (b.fromExpectations === undefined), {
    message: "give either answers or fromExpectations: true, not both and not neither",
  });
export type TSetGoldBody = z.infer<typeof ZSetGoldBody>;
