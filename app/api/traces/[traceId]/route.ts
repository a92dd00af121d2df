// GET /api/traces/<traceId>?pageToken=&maxResults=: the trace with a page of its spans (content included) and assessments.
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZPageTokenQuery } from "@/lib/paging/schemas";
import { getTraceSpansPage } from "@/lib/traces/service";

export const GET = route(
  { role: "REVIEWER", params: pathParams("traceId"), query: ZPageTokenQuery },
  ({ actor, params, query }) => getTraceSpansPage(actor, params.traceId, query),
);
