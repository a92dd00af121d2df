// GET /api/traces/<traceId>: the trace with all its spans and assessments (trace view).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getTraceWithSpans } from "@/lib/traces/service";

export const GET = route({ role: "REVIEWER", params: pathParams("traceId") }, ({ actor, params }) =>
  getTraceWithSpans(actor, params.traceId),
);
