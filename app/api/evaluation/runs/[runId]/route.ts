// GET /api/evaluation/runs/:runId: progress, per-scorer summary and judge alignment (polled while running).
import { getEvaluationRun } from "@/lib/evaluation/runs/service";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER" }, ({ actor, params }) => getEvaluationRun(actor, String(params.runId)));
