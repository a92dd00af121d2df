import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { submitLabels } from "@/lib/labeling/review/service";
import { ZSubmitLabelsBody } from "@/lib/labeling/schemas";

// POST /api/labeling/sessions/<id>/items/<itemId>/submit: submit answers (each becomes an assessment on the trace); `next: true` also claims and returns the next item.
export const POST = route(
  { role: "REVIEWER", body: ZSubmitLabelsBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => submitLabels(actor, params.sessionId, params.itemId, body),
);
