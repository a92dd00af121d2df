import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getGoldAccuracy } from "@/lib/labeling/gold/service";

// GET /api/labeling/sessions/<id>/gold: each reviewer's accuracy on the gold items, per question.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getGoldAccuracy(actor, params.sessionId),
);
