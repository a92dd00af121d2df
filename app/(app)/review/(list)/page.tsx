import { MyAdjudicationQueues } from "@/components/review/my-adjudication-queues";
import { ReviewSessionList } from "@/components/review/review-session-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { listMyAdjudicationQueues } from "@/lib/labeling/adjudication/my-queues";
import { listMyReviewSessions } from "@/lib/labeling/my-sessions/service";
import { page } from "@/lib/http/page";

async function ReviewPage() {
  const actor = await requirePageActor("REVIEWER", "/review");
  const [{ sessions }, queues] = await Promise.all([
    listMyReviewSessions(actor, { maxResults: 100 }),
    listMyAdjudicationQueues(actor),
  ]);
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Review"
        description="The labeling sessions assigned to you. Open one to start at your next unlabeled item."
      />
      <MyAdjudicationQueues queues={queues} />
      <ReviewSessionList sessions={sessions} />
    </div>
  );
}

export default page(ReviewPage);
