import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { sessionIdFromPath } from "@/lib/conversations/schemas";
import { getConversation } from "@/lib/conversations/service";
import { page } from "@/lib/http/page";

// The session page's guard: an unknown or unreadable conversation is decided here, outside this
// segment's loading.tsx boundary, so it still answers a real 404.
async function SessionGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; sessionId: string }>;
}) {
  const { experimentId, sessionId } = await params;
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/sessions/${sessionId}`);
  await getConversation(actor, experimentId, sessionIdFromPath(sessionId));
  return children;
}

export default page(SessionGuard);
