// GET /api/evaluation/runs/:runId: progress, per-scorer summary and judge alignment (polled while running).
import { getEvaluationRun } from "@/lib/evaluation/runs/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", params: pathParams("runId") }, ({ actor, params }) =>
  getEvaluationRun(actor, params.runId),
);
