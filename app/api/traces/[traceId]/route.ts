// GET /api/traces/<traceId>: the trace with all its spans and assessments (trace view).
import { route } from "@/lib/http/route";
import { getTraceWithSpans } from "@/lib/traces/service";

export const GET = route({ role: "REVIEWER" }, ({ actor, params }) => getTraceWithSpans(actor, String(params.traceId)));
