import { ZSendChatMessageBody } from "@/lib/chat/schemas";
import { chatStreamResponse } from "@/lib/chat/stream-response";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// POST /api/labeling/sessions/<id>/chat/messages: send a message; the answer streams back as NDJSON events.
export const POST = route(
  { role: "REVIEWER", body: ZSendChatMessageBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => chatStreamResponse(actor, params.sessionId, body),
);
