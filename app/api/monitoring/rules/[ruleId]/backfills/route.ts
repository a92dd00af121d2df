// GET: a rule's recent backfills with progress. POST: backfill the rule over traces started in [fromMs, toMs).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZCreateBackfillBody } from "@/lib/monitoring/schemas";
import { createBackfill, listBackfills } from "@/lib/monitoring/service";

export const GET = route({ role: "DEVELOPER", params: pathParams("ruleId") }, ({ actor, params }) =>
  listBackfills(actor, params.ruleId),
);
export const POST = route(
  { role: "DEVELOPER", body: ZCreateBackfillBody, params: pathParams("ruleId") },
  ({ actor, body, params }) => createBackfill(actor, params.ruleId, body),
);
