import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZSetGoldBody } from "@/lib/labeling/gold/schemas";
import { clearGoldAnswers, setGoldAnswers } from "@/lib/labeling/gold/service";

// PUT /api/labeling/sessions/<id>/items/<itemId>/gold: mark a gold item with its known answers (typed or from expectations).
export const PUT = route(
  { role: "DEVELOPER", body: ZSetGoldBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => setGoldAnswers(actor, params.sessionId, params.itemId, body),
);

// DELETE /api/labeling/sessions/<id>/items/<itemId>/gold: make it an ordinary item again.
export const DELETE = route({ role: "DEVELOPER", params: pathParams("sessionId", "itemId") }, ({ actor, params }) =>
  clearGoldAnswers(actor, params.sessionId, params.itemId),
);
