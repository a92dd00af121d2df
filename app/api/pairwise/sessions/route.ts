import { route } from "@/lib/http/route";
import { ZCreatePairwiseSessionBody } from "@/lib/pairwise/schemas";
import { createPairwiseSession } from "@/lib/pairwise/service";

// POST /api/pairwise/sessions: a labeling session in compare mode from two evaluation runs of one dataset.
export const POST = route({ role: "DEVELOPER", body: ZCreatePairwiseSessionBody }, ({ actor, body }) =>
  createPairwiseSession(actor, body),
);
