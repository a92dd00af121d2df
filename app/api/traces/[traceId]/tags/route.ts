// PUT /api/traces/<traceId>/tags: set a tag. DELETE ?key=: remove it (developer).
import { z } from "zod";
import { route } from "@/lib/http/route";
import { deleteTraceTag, setTraceTag } from "@/lib/traces/service";
import { ZSetTraceTagBody } from "@/lib/traces/schemas";

export const PUT = route({ role: "DEVELOPER", body: ZSetTraceTagBody }, ({ actor, params, body }) =>
  setTraceTag(actor, String(params.traceId), body.key, body.value),
);
export const DELETE = route(
  { role: "DEVELOPER", query: z.object({ key: z.string().min(1) }) },
  ({ actor, params, query }) => deleteTraceTag(actor, String(params.traceId), query.key),
);
