import { Suspense } from "react";
import { TracePage } from "@/components/traces/trace-page";
import { roleAtLeast } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { getTraceInfo } from "@/lib/traces/service";
import { page } from "@/lib/http/page";

async function TraceRoute({ params }: { params: Promise<{ experimentId: string; traceId: string }> }) {
  const { experimentId, traceId } = await params;
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/traces/${traceId}`);
  await getTraceInfo(actor, traceId);
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading trace…</p>}>
      <TracePage experimentId={experimentId} traceId={traceId} canEdit={roleAtLeast(actor.role, "DEVELOPER")} />
    </Suspense>
  );
}

export default page(TraceRoute);
