// POST /api/evaluation/runs/:runId/cancel: stops a pending or running run (409 when it already ended).
import { cancelEvaluationRun } from "@/lib/evaluation/execution/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const POST = route({ role: "DEVELOPER", params: pathParams("runId") }, ({ actor, params }) =>
  cancelEvaluationRun(actor, params.runId),
);
