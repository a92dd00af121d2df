import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZAdjudicationListQuery } from "@/lib/labeling/adjudication/schemas";
import { listAdjudicationItems } from "@/lib/labeling/adjudication/service";

// GET /api/labeling/sessions/<id>/adjudication/items?status=OPEN|RESOLVED: items to settle with every label side by side.
export const GET = route(
  { role: "REVIEWER", query: ZAdjudicationListQuery, params: pathParams("sessionId") },
  ({ actor, query, params }) => listAdjudicationItems(actor, params.sessionId, query),
);
