import { ZCreateAgentBody } from "@/lib/agents/schemas";
import { createAgent, listAgents } from "@/lib/agents/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

// GET /api/experiments/<id>/agents: the experiment's agents (keys never included).
export const GET = route({ role: "DEVELOPER", params: pathParams("experimentId") }, ({ actor, params }) =>
  listAgents(actor, params.experimentId),
);

// POST /api/experiments/<id>/agents: add an OpenAI-compatible agent.
export const POST = route(
  { role: "DEVELOPER", body: ZCreateAgentBody, params: pathParams("experimentId") },
  ({ actor, body, params }) => createAgent(actor, params.experimentId, body),
);
