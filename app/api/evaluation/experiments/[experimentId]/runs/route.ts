// GET: list an experiment's evaluation runs. POST: start a run (dataset or trace filter, scorers, output source); it runs in the background.
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { listEvaluationRuns } from "@/lib/evaluation/runs/service";
import { ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { ZPageQuery } from "@/lib/paging/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "DEVELOPER", query: ZPageQuery, params: pathParams("experimentId") },
  ({ actor, query, params }) => listEvaluationRuns(actor, params.experimentId, query),
);
export const POST = route(
  { role: "DEVELOPER", body: ZCreateEvaluationRunBody, params: pathParams("experimentId") },
  ({ actor, body, params }) => createEvaluationRun(actor, params.experimentId, body),
);
