import { LabelingTabs } from "@/components/labeling/labeling-tabs";
import { SchemasPanel } from "@/components/labeling/schemas-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function LabelSchemasPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling/schemas`);
  await getExperiment(actor, experimentId); // an unknown experiment is a 404 page
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Labeling"
        description="Label schemas say what to ask; labeling sessions say which traces and which reviewers."
      />
      <LabelingTabs experimentId={experimentId} current="schemas" />
      <SchemasPanel experimentId={experimentId} />
    </div>
  );
}

export default page(LabelSchemasPage);
