// GET: list an experiment's evaluation runs. POST: start a run (dataset or trace filter, scorers, output source); it runs in the background.
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { listEvaluationRuns } from "@/lib/evaluation/runs/service";
import { ZCreateEvaluationRunBody, ZListQuery } from "@/lib/evaluation/schemas";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", query: ZListQuery }, ({ actor, query, params }) =>
  listEvaluationRuns(actor, String(params.experimentId), query),
);
export const POST = route({ role: "DEVELOPER", body: ZCreateEvaluationRunBody }, ({ actor, body, params }) =>
  createEvaluationRun(actor, String(params.experimentId), body),
);
