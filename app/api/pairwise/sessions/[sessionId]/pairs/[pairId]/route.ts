import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZSubmitComparisonBody } from "@/lib/pairwise/schemas";
import { submitComparison } from "@/lib/pairwise/service";

// PUT /api/pairwise/sessions/<id>/pairs/<pairId>: your choice (left, right or tie, as shown) with a rationale.
export const PUT = route(
  { role: "REVIEWER", body: ZSubmitComparisonBody, params: pathParams("sessionId", "pairId") },
  ({ actor, body, params }) => submitComparison(actor, params.sessionId, params.pairId, body),
);
