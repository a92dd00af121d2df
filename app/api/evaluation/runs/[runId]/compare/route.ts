// GET /api/evaluation/runs/:runId/compare?other=<runId>: two runs side by side, rows matched by inputs.
import { compareRuns } from "@/lib/evaluation/runs/service";
import { ZCompareRunsQuery } from "@/lib/evaluation/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "DEVELOPER", query: ZCompareRunsQuery, params: pathParams("runId") },
  ({ actor, query, params }) => compareRuns(actor, params.runId, query),
);
