// GET /api/experiments/{experimentId}/conversations/{sessionId}: one conversation with its turns in time order.
import { sessionIdFromPath } from "@/lib/conversations/schemas";
import { getConversation } from "@/lib/conversations/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "REVIEWER", params: pathParams("experimentId", "sessionId") }, ({ actor, params }) =>
  getConversation(actor, params.experimentId, sessionIdFromPath(params.sessionId)),
);
