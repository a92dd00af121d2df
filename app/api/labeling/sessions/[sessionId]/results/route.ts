import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getSessionResults } from "@/lib/labeling/results/service";
import { ZPageTokenQuery } from "@/lib/paging/schemas";

// GET /api/labeling/sessions/<id>/results: every item with every reviewer's answers, paginated.
export const GET = route(
  { role: "DEVELOPER", query: ZPageTokenQuery, params: pathParams("sessionId") },
  ({ actor, query, params }) => getSessionResults(actor, params.sessionId, query),
);
