import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getReviewItem } from "@/lib/labeling/review/service";

// GET /api/labeling/sessions/<id>/items/<itemId>: one item as the reviewer sees it (trace, schemas, own claim and draft).
export const GET = route({ role: "REVIEWER", params: pathParams("sessionId", "itemId") }, ({ actor, params }) =>
  getReviewItem(actor, params.sessionId, params.itemId),
);
