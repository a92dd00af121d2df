import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { listRecentTraces } from "@/lib/traces/service";

const PAGE_SIZE = 50;

export default async function TracesPage({ params, searchParams }: { params: Promise<{ experimentId: string }>; searchParams: Promise<{ page?: string }> }) {
  const { experimentId } = await params;
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/traces`);
  const experiment = await getExperiment(actor, experimentId);
  const { rows, total } = await listRecentTraces(actor, experimentId, { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return (
    <div>
      <PageHeader title={`Traces · ${experiment.name}`} description={`${total} trace${total === 1 ? "" : "s"}`} />
      {rows.length === 0 ? (
        <EmptyState title="No traces yet">
          Send traces with OpenTelemetry (OTLP/HTTP to <code>/v1/traces</code>) or an MLflow client with{" "}
          <code>MLFLOW_TRACKING_URI</code> pointing here and experiment id <code>{experimentId}</code>.
        </EmptyState>
      ) : (
        <table className="w-full table-fixed overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
          <thead className="bg-slate-100 text-left text-xs uppercase text-slate-500">
            <tr>
              <th className="w-64 px-3 py-2">Trace</th>
              <th className="px-3 py-2">Request</th>
              <th className="px-3 py-2">Response</th>
              <th className="w-24 px-3 py-2">State</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => (
              <tr key={t.traceId} data-testid="trace-row">
                <td className="truncate px-3 py-2 font-mono text-xs">{t.traceId}</td>
                <td className="truncate px-3 py-2">{t.requestPreview}</td>
                <td className="truncate px-3 py-2">{t.responsePreview}</td>
                <td className="px-3 py-2">{t.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="mt-3 flex gap-3 text-sm">
        {page > 1 ? <Link href={`?page=${page - 1}`}>← Newer</Link> : null}
        {page * PAGE_SIZE < total ? <Link href={`?page=${page + 1}`}>Older →</Link> : null}
      </div>
    </div>
  );
}
