import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { getEvaluationRun } from "@/lib/evaluation/runs/service";
import { page } from "@/lib/http/page";

// The run page's guard (403 below Developer, 404 for an unknown run), decided outside this
// segment's loading.tsx boundary so the statuses stay real.
async function EvaluationRunGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; runId: string }>;
}) {
  const { experimentId, runId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/runs/${runId}`);
  await getEvaluationRun(actor, runId);
  return children;
}

export default page(EvaluationRunGuard);
