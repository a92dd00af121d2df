import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listMyItems } from "@/lib/labeling/review/my-items";
import { ZMyItemsQuery } from "@/lib/labeling/review/schemas";

// GET /api/labeling/sessions/<id>/my-items: the reviewer's items with their own status and counts, paginated.
export const GET = route(
  { role: "REVIEWER", query: ZMyItemsQuery, params: pathParams("sessionId") },
  ({ actor, query, params }) => listMyItems(actor, params.sessionId, query),
);
