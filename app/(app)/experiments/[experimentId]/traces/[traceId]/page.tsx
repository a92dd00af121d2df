import { Suspense } from "react";
import { preload } from "react-dom";
import { TracePage } from "@/components/traces/trace-page";
import { roleAtLeast } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";
import { traceTreeUrl } from "@/lib/traces/tree-url";

// The guard layout beside this page has already answered 404 for an unknown or unreadable trace.
async function TraceRoute({ params }: { params: Promise<{ experimentId: string; traceId: string }> }) {
  const { experimentId, traceId } = await params;
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/traces/${traceId}`);
  // The browser starts downloading the tree with the page, not after the view's code has loaded
  // and run (a big trace's tree is the longest wait); the view's fetch then takes this response.
  preload(traceTreeUrl(traceId), { as: "fetch", crossOrigin: "anonymous" });
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading trace…</p>}>
      <TracePage experimentId={experimentId} traceId={traceId} canEdit={roleAtLeast(actor.role, "DEVELOPER")} />
    </Suspense>
  );
}

export default page(TraceRoute);
