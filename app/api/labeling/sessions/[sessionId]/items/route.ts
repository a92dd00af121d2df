import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZAddSessionItemsBody, ZRemoveSessionItemsBody } from "@/lib/labeling/schemas";
import { ZPageTokenQuery } from "@/lib/paging/schemas";
import { addSessionItems, listSessionItems, removeSessionItems } from "@/lib/labeling/items/service";

// GET /api/labeling/sessions/<id>/items: the queue in order with each item's state, paginated.
export const GET = route(
  { role: "DEVELOPER", query: ZPageTokenQuery, params: pathParams("sessionId") },
  ({ actor, query, params }) => listSessionItems(actor, params.sessionId, query),
);

// POST /api/labeling/sessions/<id>/items: add traces by {traceIds} or {filter}; duplicates are ignored.
export const POST = route(
  { role: "DEVELOPER", body: ZAddSessionItemsBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => addSessionItems(actor, params.sessionId, body),
);

// DELETE /api/labeling/sessions/<id>/items: remove items by {itemIds} or {traceIds}.
export const DELETE = route(
  { role: "DEVELOPER", body: ZRemoveSessionItemsBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => removeSessionItems(actor, params.sessionId, body),
);
