// GET /api/monitoring/rules/:ruleId/stats?days=7: traces scored, pass rate over time, judge calls and cost, errors, items routed.
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZRuleStatsQuery } from "@/lib/monitoring/schemas";
import { getRuleStats } from "@/lib/monitoring/service";

export const GET = route(
  { role: "DEVELOPER", query: ZRuleStatsQuery, params: pathParams("ruleId") },
  ({ actor, query, params }) => getRuleStats(actor, params.ruleId, query),
);
