import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZAskBothAgentsBody } from "@/lib/pairwise/schemas";
import { askBothAgents } from "@/lib/pairwise/service";

// POST /api/pairwise/sessions/<id>/ask: your question to both agents at once; their answers become the pair to compare now.
export const POST = route(
  { role: "REVIEWER", body: ZAskBothAgentsBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => askBothAgents(actor, params.sessionId, body),
);
