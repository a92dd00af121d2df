import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZResolveAdjudicationBody } from "@/lib/labeling/adjudication/schemas";
import { resolveAdjudication } from "@/lib/labeling/adjudication/service";
import { getAdjudicationDetail } from "@/lib/labeling/review/adjudication";

// GET /api/labeling/sessions/<id>/adjudication/items/<itemId>: one item with its trace, labels and questions.
export const GET = route({ role: "REVIEWER", params: pathParams("sessionId", "itemId") }, ({ actor, params }) =>
  getAdjudicationDetail(actor, params.sessionId, params.itemId),
);

// POST /api/labeling/sessions/<id>/adjudication/items/<itemId>: the final answers (adjudicated HUMAN assessments).
export const POST = route(
  { role: "REVIEWER", body: ZResolveAdjudicationBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => resolveAdjudication(actor, params.sessionId, params.itemId, body),
);
