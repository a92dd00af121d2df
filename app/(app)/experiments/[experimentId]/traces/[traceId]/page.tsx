import { Suspense } from "react";
import { TracePage } from "@/components/traces/trace-page";
import { roleAtLeast } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";

// The guard layout beside this page has already answered 404 for an unknown or unreadable trace.
async function TraceRoute({ params }: { params: Promise<{ experimentId: string; traceId: string }> }) {
  const { experimentId, traceId } = await params;
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/traces/${traceId}`);
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading trace…</p>}>
      <TracePage experimentId={experimentId} traceId={traceId} canEdit={roleAtLeast(actor.role, "DEVELOPER")} />
    </Suspense>
  );
}

export default page(TraceRoute);
