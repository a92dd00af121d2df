import { ZRateChatTurnBody } from "@/lib/chat/schemas";
import { rateChatTurn } from "@/lib/chat/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// PUT /api/labeling/sessions/<id>/chat/turns/<turnId>: your thumb, comment and schema answers on one answer.
export const PUT = route(
  { role: "REVIEWER", body: ZRateChatTurnBody, params: pathParams("sessionId", "turnId") },
  ({ actor, body, params }) => rateChatTurn(actor, params.sessionId, params.turnId, body),
);
