import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";
import { getLabelingSession } from "@/lib/labeling/sessions/service";

// The Review App's guard: a session the reviewer is not assigned to is a 404, decided outside this
// segment's loading.tsx boundary so the status stays real.
async function ReviewSessionGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ sessionId: string }>;
}) {
  const { sessionId } = await params;
  const actor = await requirePageActor("REVIEWER", `/review/${sessionId}`);
  await getLabelingSession(actor, sessionId);
  return children;
}

export default page(ReviewSessionGuard);
