import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";
import { getTraceInfo } from "@/lib/traces/service";

// The trace page's guard: an unknown or unreadable trace is decided here, outside this segment's
// loading.tsx boundary, so it still answers a real 404 (a streamed page cannot change its status).
async function TraceGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; traceId: string }>;
}) {
  const { experimentId, traceId } = await params;
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/traces/${traceId}`);
  await getTraceInfo(actor, traceId);
  return children;
}

export default page(TraceGuard);
