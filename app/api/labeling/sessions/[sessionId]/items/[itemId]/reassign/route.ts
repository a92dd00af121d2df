import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZReassignClaimBody } from "@/lib/labeling/item-status/schemas";
import { reassignClaim } from "@/lib/labeling/item-status/service";

// POST /api/labeling/sessions/<id>/items/<itemId>/reassign: give the item to another reviewer.
export const POST = route(
  { role: "DEVELOPER", body: ZReassignClaimBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => reassignClaim(actor, params.sessionId, params.itemId, body),
);
