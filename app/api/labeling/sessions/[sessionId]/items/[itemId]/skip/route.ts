import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { skipItem } from "@/lib/labeling/review/service";

// POST /api/labeling/sessions/<id>/items/<itemId>/skip: pass over an item (someone else may take it).
export const POST = route({ role: "REVIEWER", params: pathParams("sessionId", "itemId") }, ({ actor, params }) =>
  skipItem(actor, params.sessionId, params.itemId),
);
