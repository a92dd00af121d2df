import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getSessionAgreement } from "@/lib/labeling/agreement/service";

// GET /api/labeling/sessions/<id>/agreement: agreement per question and the most disputed items.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getSessionAgreement(actor, params.sessionId),
);
