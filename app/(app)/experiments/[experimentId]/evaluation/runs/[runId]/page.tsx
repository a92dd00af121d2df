import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { runTime, shortRunId } from "@/components/evaluation/run-label";
import { RunView } from "@/components/evaluation/run-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getEvaluationRun } from "@/lib/evaluation/runs/service";
import { page } from "@/lib/http/page";
import { ROW_CHANGES } from "@/lib/evaluation/runs/compare";

async function EvaluationRunPage({
  params,
  searchParams,
}: {
  params: Promise<{ experimentId: string; runId: string }>;
  searchParams: Promise<{ page?: string; compare?: string; change?: string }>;
}) {
  const { experimentId, runId } = await params;
  const sp = await searchParams;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/runs/${runId}`);
  const run = await getEvaluationRun(actor, runId);
  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={run.name}
        description={
          <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1">
            <Link className="text-indigo-700 hover:underline" href={`/experiments/${experimentId}/evaluation`}>
              <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> Evaluation
            </Link>
            <span aria-hidden>/</span>
            <span data-testid="run-identity">
              {run.name} · started {runTime(run.createdAt)} · id <span className="font-mono">{shortRunId(run.id)}</span>
            </span>
          </nav>
        }
      />
      <RunView
        experimentId={experimentId}
        runId={runId}
        page={Math.max(1, Number(sp.page) || 1)}
        compare={sp.compare ?? null}
        change={ROW_CHANGES.find((c) => c === sp.change) ?? null}
      />
    </div>
  );
}

export default page(EvaluationRunPage);
