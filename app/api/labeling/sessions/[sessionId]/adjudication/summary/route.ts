import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getAdjudicationSummary } from "@/lib/labeling/adjudication/service";

// GET /api/labeling/sessions/<id>/adjudication/summary: agreement per question before and after adjudication.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getAdjudicationSummary(actor, params.sessionId),
);
