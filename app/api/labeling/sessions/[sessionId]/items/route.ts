import { route } from "@/lib/http/route";
import { ZAddSessionItemsBody, ZPageQuery, ZRemoveSessionItemsBody } from "@/lib/labeling/schemas";
import { addSessionItems, listSessionItems, removeSessionItems } from "@/lib/labeling/items/service";

// GET /api/labeling/sessions/<id>/items: the queue in order with each item's state, paginated.
export const GET = route({ role: "DEVELOPER", query: ZPageQuery }, ({ actor, query, params }) =>
  listSessionItems(actor, params.sessionId as string, query),
);

// POST /api/labeling/sessions/<id>/items: add traces by {trace_ids} or {filter}; duplicates are ignored.
export const POST = route({ role: "DEVELOPER", body: ZAddSessionItemsBody }, ({ actor, body, params }) =>
  addSessionItems(actor, params.sessionId as string, body),
);

// DELETE /api/labeling/sessions/<id>/items: remove items by {item_ids} or {trace_ids}.
export const DELETE = route({ role: "DEVELOPER", body: ZRemoveSessionItemsBody }, ({ actor, body, params }) =>
  removeSessionItems(actor, params.sessionId as string, body),
);
