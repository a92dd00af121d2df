import { RuleForm } from "@/components/monitoring/rule-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listSessionChoices } from "@/lib/evaluation/datasets/service";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function NewRulePage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/monitoring/new`);
  await getExperiment(actor, experimentId);
  const sessions = await listSessionChoices(actor, experimentId);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title="New monitoring rule"
        description="Scores traces that complete from now on; backfill from the rule's page for older ones."
      />
      <RuleForm experimentId={experimentId} sessions={sessions} />
    </div>
  );
}

export default page(NewRulePage);
