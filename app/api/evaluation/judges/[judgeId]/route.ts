// GET: a custom judge with every version. PUT: save an edit as a new version (the key is never returned).
import { getJudge, updateJudge } from "@/lib/evaluation/custom-judges/service";
import { ZUpdateJudgeBody } from "@/lib/evaluation/custom-judges/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", params: pathParams("judgeId") }, ({ actor, params }) =>
  getJudge(actor, params.judgeId),
);
export const PUT = route(
  { role: "DEVELOPER", body: ZUpdateJudgeBody, params: pathParams("judgeId") },
  ({ actor, body, params }) => updateJudge(actor, params.judgeId, body),
);
