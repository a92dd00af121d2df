import { Suspense } from "react";
import { ConversationView } from "@/components/conversations/conversation-view";
import { PageHeader } from "@/components/ui/page-header";
import { sessionIdFromPath } from "@/lib/conversations/schemas";
import { roleAtLeast } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { page } from "@/lib/http/page";

// The guard layout beside this page has already answered 404 for an unknown or unreadable session.
async function SessionPage({ params }: { params: Promise<{ experimentId: string; sessionId: string }> }) {
  const { experimentId, sessionId: raw } = await params;
  const sessionId = sessionIdFromPath(raw);
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/sessions/${raw}`);
  return (
    <div>
      <PageHeader
        title={`Session ${sessionId}`}
        description="The conversation, turn by turn; open a turn's trace to see its spans."
      />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading session…</p>}>
        <ConversationView
          experimentId={experimentId}
          sessionId={sessionId}
          canEdit={roleAtLeast(actor.role, "DEVELOPER")}
        />
      </Suspense>
    </div>
  );
}

export default page(SessionPage);
