import { Suspense } from "react";
import { TracesExplorer } from "@/components/traces/traces-explorer";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function TracesPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  // Reviewers may look (read-only); developers and admins annotate, delete and queue traces.
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/traces`);
  const experiment = await getExperiment(actor, experimentId);
  return (
    <div>
      <PageHeader
        title={`Traces · ${experiment.name}`}
        description="Search with MLflow's filter language, open a trace to read its spans and annotate them."
      />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading traces…</p>}>
        <TracesExplorer experimentId={experimentId} canEdit={roleAtLeast(actor.role, "DEVELOPER")} />
      </Suspense>
    </div>
  );
}

export default page(TracesPage);
