import { LabelingTabs } from "@/components/labeling/labeling-tabs";
import { SessionsPanel } from "@/components/labeling/sessions-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export default async function LabelingPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling`);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Labeling"
        description="Label schemas say what to ask; labeling sessions say which traces and which reviewers."
      />
      <LabelingTabs experimentId={experimentId} current="sessions" />
      <SessionsPanel experimentId={experimentId} />
    </div>
  );
}
