import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

// The judges' guard (403 below Developer, 404 for an unknown experiment), decided outside the
// segment's loading.tsx boundary so the statuses stay real.
async function JudgesGuard({ children, params }: { children: ReactNode; params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/judges`);
  await getExperiment(actor, experimentId);
  return children;
}

export default page(JudgesGuard);
