import { ChatLink } from "@/components/chat/chat-link";
import { ComparePanel } from "@/components/pairwise/compare-panel";
import { ReviewQueue } from "@/components/review/review-queue";
import { sessionAgentOf } from "@/lib/agents/service";
import { requirePageActor } from "@/lib/auth/session";
import { getLabelingSession } from "@/lib/labeling/sessions/service";
import { page } from "@/lib/http/page";
import { pairwiseModeOf } from "@/lib/pairwise/service";

async function ReviewSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const actor = await requirePageActor("REVIEWER", `/review/${sessionId}`);
  // 404s (as a thrown NotFoundError) for reviewers who are not assigned to the session.
  const session = await getLabelingSession(actor, sessionId);
  // A session in compare mode shows pairs side by side instead of the item queue.
  if (await pairwiseModeOf(session.id)) return <ComparePanel sessionId={session.id} />;
  const agent = await sessionAgentOf(session.id);
  return (
    <>
      {agent ? <ChatLink sessionId={session.id} agent={agent} /> : null}
      <ReviewQueue sessionId={session.id} sessionName={session.name} />
    </>
  );
}

export default page(ReviewSessionPage);
