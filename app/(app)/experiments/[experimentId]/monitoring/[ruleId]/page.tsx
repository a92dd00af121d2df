import Link from "next/link";
import { RuleView } from "@/components/monitoring/rule-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";
import { getMonitoringRule } from "@/lib/monitoring/service";
import { NotFoundError } from "@/lib/errors";

async function RulePage({ params }: { params: Promise<{ experimentId: string; ruleId: string }> }) {
  const { experimentId, ruleId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/monitoring/${ruleId}`);
  const rule = await getMonitoringRule(actor, ruleId);
  if (rule.experimentId !== experimentId) throw new NotFoundError(`Monitoring rule '${ruleId}' not found`);
  const scorers = rule.scorers.map((s) => s.name ?? s.type).join(", ");
  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <PageHeader
        title={`${rule.name} · v${rule.version}${rule.enabled ? "" : " (paused)"}`}
        description={`${scorers} on ${rule.filter ? rule.filter : "all traces"}, ${Math.round(rule.samplingRate * 100)}% sampled${
          rule.routing
            ? `; routes to ${rule.routingSessionName ?? "a deleted session"} (at most ${rule.routing.dailyCap} a day)`
            : ""
        }.`}
        actions={
          <>
            <Link
              href={`/experiments/${experimentId}/monitoring`}
              className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
            >
              All rules
            </Link>
            <Link
              href={`/experiments/${experimentId}/monitoring/${ruleId}/edit`}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Edit
            </Link>
          </>
        }
      />
      <RuleView experimentId={experimentId} ruleId={ruleId} sessionId={rule.routing?.sessionId ?? null} />
    </div>
  );
}

export default page(RulePage);
