import { ZFinishChatBody } from "@/lib/chat/schemas";
import { finishChat } from "@/lib/chat/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// POST /api/labeling/sessions/<id>/chat/finish: you are done with this chat; its item counts as labeled by you.
export const POST = route(
  { role: "REVIEWER", body: ZFinishChatBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => finishChat(actor, params.sessionId, body),
);
