import { ZSetSessionAgentBody } from "@/lib/agents/schemas";
import { setSessionAgent } from "@/lib/agents/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// PUT /api/labeling/sessions/<id>/agent: the agent the session's reviewers chat with ({agentId: null} for none).
export const PUT = route(
  { role: "DEVELOPER", body: ZSetSessionAgentBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => setSessionAgent(actor, params.sessionId, body),
);
