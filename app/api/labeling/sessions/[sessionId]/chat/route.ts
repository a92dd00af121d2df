import { ZChatQuery } from "@/lib/chat/schemas";
import { getChat } from "@/lib/chat/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// GET /api/labeling/sessions/<id>/chat[?chatId=]: the session's agent and schemas with your (latest) chat.
export const GET = route(
  { role: "REVIEWER", query: ZChatQuery, params: pathParams("sessionId") },
  ({ actor, query, params }) => getChat(actor, params.sessionId, query),
);
