import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";
import { getLabelingSession } from "@/lib/labeling/sessions/service";

// The session page's guard (403 below Developer, 404 for an unknown session), decided outside this
// segment's loading.tsx boundary so the statuses stay real.
async function LabelingSessionGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; sessionId: string }>;
}) {
  const { experimentId, sessionId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling/sessions/${sessionId}`);
  await getLabelingSession(actor, sessionId);
  return children;
}

export default page(LabelingSessionGuard);
