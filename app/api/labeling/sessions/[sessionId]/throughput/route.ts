import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getThroughput } from "@/lib/labeling/throughput/service";

// GET /api/labeling/sessions/<id>/throughput: items per hour per reviewer and the slowest items.
export const GET = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  getThroughput(actor, params.sessionId),
);
