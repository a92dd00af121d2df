// PUT /api/traces/<traceId>/tags: set a tag. DELETE ?key=: remove it (developer).
import { z } from "zod";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { deleteTraceTag, setTraceTag } from "@/lib/traces/service";
import { ZSetTraceTagBody } from "@/lib/traces/schemas";

export const PUT = route(
  { role: "DEVELOPER", body: ZSetTraceTagBody, params: pathParams("traceId") },
  ({ actor, params, body }) => setTraceTag(actor, params.traceId, body.key, body.value),
);
export const DELETE = route(
  { role: "DEVELOPER", query: z.object({ key: z.string().min(1) }), params: pathParams("traceId") },
  ({ actor, params, query }) => deleteTraceTag(actor, params.traceId, query.key),
);
