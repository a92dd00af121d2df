import { z } from "zod";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getNextComparison } from "@/lib/pairwise/service";

// GET /api/pairwise/sessions/<id>/next[?pairId=]: your next pair to compare (or the given one) and your progress.
export const GET = route(
  { role: "REVIEWER", params: pathParams("sessionId"), query: z.object({ pairId: z.string().min(1).optional() }) },
  ({ actor, params, query }) => getNextComparison(actor, params.sessionId, query.pairId),
);
