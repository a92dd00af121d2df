import Link from "next/link";
import { DatasetsPanel } from "@/components/evaluation/datasets-panel";
import { MlflowEvaluateRuns } from "@/components/evaluation/mlflow-evaluate-runs";
import { RunsList } from "@/components/evaluation/runs-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listSessionChoices } from "@/lib/evaluation/datasets/service";
import { listMlflowEvaluateRuns } from "@/lib/evaluation/runs/mlflow-runs";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function EvaluationPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation`);
  const experiment = await getExperiment(actor, experimentId);
  const sessions = await listSessionChoices(actor, experimentId);
  const mlflowRuns = await listMlflowEvaluateRuns(actor, experimentId);
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <PageHeader
        title={`Evaluation · ${experiment.name}`}
        description="Datasets from expert labels, and runs that score the app with code scorers and LLM judges."
        actions={
          <Link
            href={`/experiments/${experimentId}/evaluation/new`}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
          >
            New run
          </Link>
        }
      />
      <RunsList experimentId={experimentId} hasMlflowRuns={mlflowRuns.length > 0} />
      <MlflowEvaluateRuns experimentId={experimentId} runs={mlflowRuns} />
      <DatasetsPanel experimentId={experimentId} sessions={sessions} />
    </div>
  );
}

export default page(EvaluationPage);
