import { NewRunForm } from "@/components/evaluation/new-run-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function NewEvaluationRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ experimentId: string }>;
  searchParams: Promise<{ dataset?: string }>;
}) {
  const { experimentId } = await params;
  const { dataset } = await searchParams;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/new`);
  await getExperiment(actor, experimentId); // an unknown experiment is a 404 page
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

export default page(NewEvaluationRunPage);
