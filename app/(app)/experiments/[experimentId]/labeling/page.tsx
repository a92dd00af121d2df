import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export default async function LabelingPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling`);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Labeling" description="Label schemas say what to ask; labeling sessions say which traces and which reviewers." />
      <EmptyState title="No labeling sessions yet">Label schemas and labeling sessions arrive with the labeling feature.</EmptyState>
    </div>
  );
}
