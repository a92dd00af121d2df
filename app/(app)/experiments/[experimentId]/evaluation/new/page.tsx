import { NewRunForm } from "@/components/evaluation/new-run-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";

export default async function NewEvaluationRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ experimentId: string }>;
  searchParams: Promise<{ dataset?: string }>;
}) {
  const { experimentId } = await params;
  const { dataset } = await searchParams;
  await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/new`);
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title="New evaluation run"
        description="Score a dataset or a set of traces with code scorers and LLM judges. The run continues in the background."
      />
      <NewRunForm experimentId={experimentId} initialDatasetId={dataset} />
    </div>
  );
}
