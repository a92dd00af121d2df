import { Suspense } from "react";
import { ConversationView } from "@/components/conversations/conversation-view";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { getConversation } from "@/lib/conversations/service";
import { page } from "@/lib/http/page";

async function SessionPage({ params }: { params: Promise<{ experimentId: string; sessionId: string }> }) {
  const { experimentId, sessionId: raw } = await params;
  const sessionId = decodeURIComponent(raw);
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/sessions/${raw}`);
  // 404 page for an unknown session (or one a reviewer may not read) before rendering the client view.
  await getConversation(actor, experimentId, sessionId);
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
