import { RuleForm } from "@/components/monitoring/rule-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listSessionChoices } from "@/lib/evaluation/datasets/service";
import { NotFoundError } from "@/lib/errors";
import { page } from "@/lib/http/page";
import { getMonitoringRule } from "@/lib/monitoring/service";

async function EditRulePage({ params }: { params: Promise<{ experimentId: string; ruleId: string }> }) {
  const { experimentId, ruleId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/monitoring/${ruleId}/edit`);
  const rule = await getMonitoringRule(actor, ruleId);
  if (rule.experimentId !== experimentId) throw new NotFoundError(`Monitoring rule '${ruleId}' not found`);
  const sessions = await listSessionChoices(actor, experimentId);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={`Edit ${rule.name}`}
        description={`Now at version ${rule.version}. Changing what it scores makes version ${rule.version + 1}; assessments keep the version that made them.`}
      />
      <RuleForm experimentId={experimentId} sessions={sessions} rule={rule} />
    </div>
  );
}

export default page(EditRulePage);
