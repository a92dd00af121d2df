import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZReleaseClaimBody } from "@/lib/labeling/item-status/schemas";
import { releaseClaim } from "@/lib/labeling/item-status/service";

// POST /api/labeling/sessions/<id>/items/<itemId>/release: free the item from a reviewer's unfinished or skipped claim.
export const POST = route(
  { role: "DEVELOPER", body: ZReleaseClaimBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => releaseClaim(actor, params.sessionId, params.itemId, body),
);
