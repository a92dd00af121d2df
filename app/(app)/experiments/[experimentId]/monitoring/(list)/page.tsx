import Link from "next/link";
import { RulesList } from "@/components/monitoring/rules-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function MonitoringPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/monitoring`);
  const experiment = await getExperiment(actor, experimentId);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={`Monitoring · ${experiment.name}`}
        description="Rules that score new traces in the background with code scorers and LLM judges, and fill labeling sessions."
        actions={
          <Link
            href={`/experiments/${experimentId}/monitoring/new`}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            New rule
          </Link>
        }
      />
      <RulesList experimentId={experimentId} />
    </div>
  );
}

export default page(MonitoringPage);
