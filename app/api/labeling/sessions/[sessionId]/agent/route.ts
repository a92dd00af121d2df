import { ZSetSessionAgentBody } from "@/lib/agents/schemas";
import { getSessionAgent, setSessionAgent } from "@/lib/agents/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// GET /api/labeling/sessions/<id>/agent: the agent the session offers a chat with, or null.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getSessionAgent(actor, params.sessionId),
);

// PUT /api/labeling/sessions/<id>/agent: the agent the session's reviewers chat with ({agentId: null} for none).
export const PUT = route(
  { role: "DEVELOPER", body: ZSetSessionAgentBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => setSessionAgent(actor, params.sessionId, body),
);
