/** Client-safe contracts of the reviewer's own queue (lib/labeling/review/my-items.ts). */
import { z } from "zod";
import { ZPageTokenQuery } from "@/lib/paging/schemas";

export const MY_ITEM_STATUSES = ["todo", "draft", "submitted", "skipped", "taken"] as const;

/** GET /api/labeling/sessions/<id>/my-items: a page of my items, optionally one status only. */
export const ZMyItemsQuery = ZPageTokenQuery.extend({
  status: z.enum(MY_ITEM_STATUSES, { error: `must be one of: ${MY_ITEM_STATUSES.join(", ")}` }).optional(),
});
export type TMyItemsQuery = z.infer<typeof ZMyItemsQuery>;
