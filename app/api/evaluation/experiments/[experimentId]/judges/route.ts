// GET: an experiment's custom judges with their current versions. POST: define one (version 1).
import { createJudge, listJudges } from "@/lib/evaluation/custom-judges/service";
import { ZCreateJudgeBody } from "@/lib/evaluation/custom-judges/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", params: pathParams("experimentId") }, ({ actor, params }) =>
  listJudges(actor, params.experimentId),
);
export const POST = route(
  { role: "DEVELOPER", body: ZCreateJudgeBody, params: pathParams("experimentId") },
  ({ actor, body, params }) => createJudge(actor, params.experimentId, body),
);
