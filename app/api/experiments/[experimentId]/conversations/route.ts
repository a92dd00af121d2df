// GET /api/experiments/{experimentId}/conversations: one page of conversations (traces sharing a session id), filterable like traces.
import { ZListConversationsQuery } from "@/lib/conversations/schemas";
import { listConversations } from "@/lib/conversations/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "REVIEWER", query: ZListConversationsQuery, params: pathParams("experimentId") },
  ({ actor, query, params }) => listConversations(actor, params.experimentId, query),
);
