import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getPairwiseResults } from "@/lib/pairwise/service";

// GET /api/pairwise/sessions/<id>/results: win rates with 95% Wilson intervals and reviewer agreement.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getPairwiseResults(actor, params.sessionId),
);
