// GET /api/traces/<traceId>/tree: the trace's info and compact span tree (no span content), what the trace view loads first.
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getTraceTree } from "@/lib/traces/service";

export const GET = route({ role: "REVIEWER", params: pathParams("traceId") }, ({ actor, params }) =>
  getTraceTree(actor, params.traceId),
);
