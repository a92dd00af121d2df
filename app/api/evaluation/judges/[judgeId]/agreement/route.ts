// GET: a custom judge's agreement with the experts' labels, per version (κ, accuracy, confusion matrix, disagreeing traces).
import { getJudgeAgreement } from "@/lib/evaluation/judge-agreement/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", params: pathParams("judgeId") }, ({ actor, params }) =>
  getJudgeAgreement(actor, params.judgeId),
);
