// GET /api/monitoring/rules/:ruleId. PUT: edit (a new version when what it scores changes). DELETE: remove it.
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZMonitoringRuleBody } from "@/lib/monitoring/schemas";
import { deleteMonitoringRule, getMonitoringRule, updateMonitoringRule } from "@/lib/monitoring/service";

export const GET = route({ role: "DEVELOPER", params: pathParams("ruleId") }, ({ actor, params }) =>
  getMonitoringRule(actor, params.ruleId),
);
export const PUT = route(
  { role: "DEVELOPER", body: ZMonitoringRuleBody, params: pathParams("ruleId") },
  ({ actor, body, params }) => updateMonitoringRule(actor, params.ruleId, body),
);
export const DELETE = route({ role: "DEVELOPER", params: pathParams("ruleId") }, ({ actor, params }) =>
  deleteMonitoringRule(actor, params.ruleId),
);
