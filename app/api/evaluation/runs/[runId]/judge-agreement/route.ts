// GET: agreement with the experts' labels of each custom judge this run used, over this run's rows.
import { getRunJudgeAgreement } from "@/lib/evaluation/judge-agreement/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", params: pathParams("runId") }, ({ actor, params }) =>
  getRunJudgeAgreement(actor, params.runId),
);
