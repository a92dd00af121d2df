// GET: an experiment's monitoring rules. POST: create a rule (filter, sampling, scorers, optional routing).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZMonitoringRuleBody } from "@/lib/monitoring/schemas";
import { createMonitoringRule, listMonitoringRules } from "@/lib/monitoring/service";

export const GET = route({ role: "DEVELOPER", params: pathParams("experimentId") }, ({ actor, params }) =>
  listMonitoringRules(actor, params.experimentId),
);
export const POST = route(
  { role: "DEVELOPER", body: ZMonitoringRuleBody, params: pathParams("experimentId") },
  ({ actor, body, params }) => createMonitoringRule(actor, params.experimentId, body),
);
