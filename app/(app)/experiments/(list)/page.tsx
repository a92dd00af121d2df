import Link from "next/link";
import { CreateExperimentForm } from "@/components/experiments/create-experiment-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listExperimentSummaries } from "@/lib/experiments/summary";
import { page } from "@/lib/http/page";

export const metadata = { title: "Experiments" };

async function ExperimentsPage() {
  const actor = await requirePageActor("DEVELOPER", "/experiments");
  const experiments = await listExperimentSummaries(actor, { take: 200 });
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Experiments"
        description="Each experiment collects the traces of one GenAI application."
        actions={<CreateExperimentForm />}
      />
      {experiments.length === 0 ? (
        <EmptyState title="No experiments yet">
          Create one here, or point an MLflow client at this server (<code>MLFLOW_TRACKING_URI</code>) and it will
          create its own.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {experiments.map((e) => (
            <li key={e.id}>
              <Link
                href={`/experiments/${e.id}/traces`}
                className="flex items-center justify-between px-4 py-3 hover:bg-slate-50"
              >
                <span>
                  <span className="font-medium text-slate-900">{e.name}</span>
                  <span className="ml-2 text-xs text-slate-500">ID {e.id}</span>
                </span>
                <span className="text-sm text-slate-600">
                  {e.traceCount} trace{e.traceCount === 1 ? "" : "s"}
                  {e.lastTraceAt
                    ? ` · last ${new Date(e.lastTraceAt).toISOString().slice(0, 16).replace("T", " ")} UTC`
                    : ""}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default page(ExperimentsPage);
