import { ReviewQueue } from "@/components/review/review-queue";
import { requirePageActor } from "@/lib/auth/session";
import { getLabelingSession } from "@/lib/labeling/sessions/service";
import { page } from "@/lib/http/page";

async function ReviewSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const actor = await requirePageActor("REVIEWER", `/review/${sessionId}`);
  // 404s (as a thrown NotFoundError) for reviewers who are not assigned to the session.
  const session = await getLabelingSession(actor, sessionId);
  return <ReviewQueue sessionId={session.id} sessionName={session.name} />;
}

export default page(ReviewSessionPage);
