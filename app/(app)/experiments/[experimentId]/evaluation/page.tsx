import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export default async function EvaluationPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation`);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Evaluation" description="Datasets from expert labels, and runs that score the app with code scorers and LLM judges." />
      <EmptyState title="No evaluation runs yet">Evaluation datasets and runs arrive with the evaluation feature.</EmptyState>
    </div>
  );
}
