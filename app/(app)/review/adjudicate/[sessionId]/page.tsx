import { AdjudicationQueue } from "@/components/review/adjudication-queue";
import { requirePageActor } from "@/lib/auth/session";
import { getAdjudicationSettings } from "@/lib/labeling/adjudication/service";
import { page } from "@/lib/http/page";

async function AdjudicatePage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const actor = await requirePageActor("REVIEWER", `/review/adjudicate/${sessionId}`);
  // Outside /review/[sessionId] on purpose: that segment's guard admits the session's reviewers only,
  // and adjudicators need not be reviewers. 404s for people who are neither the session's adjudicators nor developers/admins.
  const settings = await getAdjudicationSettings(actor, sessionId);
  return <AdjudicationQueue sessionId={sessionId} sessionName={settings.sessionName} />;
}

export default page(AdjudicatePage);
