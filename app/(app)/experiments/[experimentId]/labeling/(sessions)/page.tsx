import { LabelingTabs } from "@/components/labeling/labeling-tabs";
import { SessionsPanel } from "@/components/labeling/sessions-panel";
import { CreateCompareForm } from "@/components/pairwise/create-compare-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function LabelingPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling`);
  await getExperiment(actor, experimentId); // an unknown experiment is a 404 page
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Labeling"
        description="Label schemas say what to ask; labeling sessions say which traces and which reviewers."
      />
      <LabelingTabs experimentId={experimentId} current="sessions" />
      <SessionsPanel experimentId={experimentId} />
      <CreateCompareForm experimentId={experimentId} />
    </div>
  );
}

export default page(LabelingPage);
