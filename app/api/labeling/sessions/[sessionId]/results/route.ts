import { route } from "@/lib/http/route";
import { getSessionResults } from "@/lib/labeling/results/service";
import { ZPageQuery } from "@/lib/labeling/schemas";

// GET /api/labeling/sessions/<id>/results: every item with every reviewer's answers, paginated.
export const GET = route({ role: "DEVELOPER", query: ZPageQuery }, ({ actor, query, params }) =>
  getSessionResults(actor, params.sessionId as string, query),
);
