import { ZUpdateAgentBody } from "@/lib/agents/schemas";
import { deleteAgent, getAgent, updateAgent } from "@/lib/agents/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// GET /api/agents/<id>: one agent (the key only as set/hint).
export const GET = route({ role: "DEVELOPER", params: pathParams("agentId") }, ({ actor, params }) =>
  getAgent(actor, params.agentId),
);

// PATCH /api/agents/<id>: change the endpoint; apiKey omitted keeps it, null removes it.
export const PATCH = route(
  { role: "DEVELOPER", body: ZUpdateAgentBody, params: pathParams("agentId") },
  ({ actor, body, params }) => updateAgent(actor, params.agentId, body),
);

// DELETE /api/agents/<id>: remove the agent (recorded chats stay).
export const DELETE = route({ role: "DEVELOPER", params: pathParams("agentId") }, ({ actor, params }) =>
  deleteAgent(actor, params.agentId),
);
