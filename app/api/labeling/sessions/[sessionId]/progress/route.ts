import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getSessionProgress } from "@/lib/labeling/results/service";

// GET /api/labeling/sessions/<id>/progress: items done / in progress / left, overall and per reviewer.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getSessionProgress(actor, params.sessionId),
);
