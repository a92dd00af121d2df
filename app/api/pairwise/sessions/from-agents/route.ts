import { route } from "@/lib/http/route";
import { ZCreateAgentComparisonBody } from "@/lib/pairwise/schemas";
import { createAgentComparison } from "@/lib/pairwise/service";

// POST /api/pairwise/sessions/from-agents: a compare session whose pairs two agents answer (in a background job).
export const POST = route({ role: "DEVELOPER", body: ZCreateAgentComparisonBody }, ({ actor, body }) =>
  createAgentComparison(actor, body),
);
