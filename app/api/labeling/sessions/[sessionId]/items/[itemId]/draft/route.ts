import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { saveDraft } from "@/lib/labeling/review/service";
import { ZSaveDraftBody } from "@/lib/labeling/schemas";

// PUT /api/labeling/sessions/<id>/items/<itemId>/draft: keep the reviewer's unsent answers.
export const PUT = route(
  { role: "REVIEWER", body: ZSaveDraftBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => saveDraft(actor, params.sessionId, params.itemId, body),
);
