import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZAddConversationsBody } from "@/lib/labeling/conversations/schemas";
import { addConversationItems } from "@/lib/labeling/conversations/service";

// POST /api/labeling/sessions/<id>/conversations: add whole conversations (by filter or ids) as items.
export const POST = route(
  { role: "DEVELOPER", body: ZAddConversationsBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => addConversationItems(actor, params.sessionId, body),
);
