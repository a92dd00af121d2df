// GET /api/traces/<traceId>/spans/<spanId>: one span with its content (the trace view's detail).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getTraceSpan } from "@/lib/traces/service";

export const GET = route({ role: "REVIEWER", params: pathParams("traceId", "spanId") }, ({ actor, params }) =>
  getTraceSpan(actor, params.traceId, params.spanId),
);
