import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { headers } from "next/headers";
import { EditSessionDialog } from "@/components/labeling/edit-session-dialog";
import { SessionDetail } from "@/components/labeling/session-detail";
import { PairwiseResults } from "@/components/pairwise/pairwise-results";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getLabelingSession } from "@/lib/labeling/sessions/service";
import { pairwiseModeOf } from "@/lib/pairwise/service";
import { page } from "@/lib/http/page";
import { publicOrigin, requestOrigin } from "@/lib/http/public-url";

async function LabelingSessionPage({ params }: { params: Promise<{ experimentId: string; sessionId: string }> }) {
  const { experimentId, sessionId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling/sessions/${sessionId}`);
  const session = await getLabelingSession(actor, sessionId);
  const compare = await pairwiseModeOf(sessionId);
  // The link reviewers get: the one public URL (lib/http/public-url.ts).
  const origin = publicOrigin(requestOrigin(await headers()));
  return (
    <div className="mx-auto max-w-7xl">
      <Link href={`/experiments/${experimentId}/labeling`} className="text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> Sessions
      </Link>
      <PageHeader
        title={session.name}
        description={`${compare ? `${compare.pairCount} pairs` : `${session.itemCount} items`} · ${session.labelsPerItem} reviewer(s) per item · run ${session.runId}`}
        actions={<EditSessionDialog session={session} />}
      />
      <SessionDetail
        session={session}
        origin={origin}
        compareResults={compare ? <PairwiseResults sessionId={sessionId} /> : null}
      />
    </div>
  );
}

export default page(LabelingSessionPage);
