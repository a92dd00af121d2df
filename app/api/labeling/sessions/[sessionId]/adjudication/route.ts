import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZUpdateAdjudicationBody } from "@/lib/labeling/adjudication/schemas";
import { getAdjudicationSettings, updateAdjudicationSettings } from "@/lib/labeling/adjudication/service";

// GET /api/labeling/sessions/<id>/adjudication: the option, adjudicators and queue sizes (owners and adjudicators).
export const GET = route({ role: "REVIEWER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getAdjudicationSettings(actor, params.sessionId),
);

// PUT /api/labeling/sessions/<id>/adjudication: turn adjudication on/off, set the numeric tolerance and the adjudicators.
export const PUT = route(
  { role: "DEVELOPER", body: ZUpdateAdjudicationBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => updateAdjudicationSettings(actor, params.sessionId, body),
);
