/** Client-safe contract of the review screen's active-time heartbeat. */
import { z } from "zod";

/** POST …/items/<itemId>/active-time: milliseconds of active time counted since the last report (capped on the server). */
export const ZActiveTimeBody = z.object({
  activeMs: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(3_600_000, "must be at most 3600000"),
});
export type TActiveTimeBody = z.infer<typeof ZActiveTimeBody>;
