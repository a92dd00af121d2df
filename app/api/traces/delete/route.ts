// POST /api/traces/delete: delete traces of one experiment by id (developer).
import { z } from "zod";
import { route } from "@/lib/http/route";
import { deleteTraces } from "@/lib/traces/service";

const ZBody = z.object({ experimentId: z.string().min(1), traceIds: z.array(z.string().min(1)).min(1).max(1000) });

export const POST = route({ role: "DEVELOPER", body: ZBody }, async ({ actor, body }) => ({
  deleted: await deleteTraces(actor, body.experimentId, { traceIds: body.traceIds }),
}));
