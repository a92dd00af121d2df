import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { claimNextItem } from "@/lib/labeling/review/service";

// POST /api/labeling/sessions/<id>/next: claim the reviewer's next item ({item: null} when none is left).
export const POST = route({ role: "REVIEWER", params: pathParams("sessionId") }, ({ actor, params }) =>
  claimNextItem(actor, params.sessionId),
);
