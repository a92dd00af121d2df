import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listItemStatuses } from "@/lib/labeling/item-status/service";
import { ZPageTokenQuery } from "@/lib/paging/schemas";

// GET /api/labeling/sessions/<id>/item-status: each item's status per reviewer, labels vs required, paginated.
export const GET = route(
  { role: "DEVELOPER", query: ZPageTokenQuery, params: pathParams("sessionId") },
  ({ actor, query, params }) => listItemStatuses(actor, params.sessionId, query),
);
