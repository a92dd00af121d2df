import Link from "next/link";
import { headers } from "next/headers";
import { SessionDetail } from "@/components/labeling/session-detail";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getLabelingSession } from "@/lib/labeling/sessions/service";
import { page } from "@/lib/http/page";

async function LabelingSessionPage({ params }: { params: Promise<{ experimentId: string; sessionId: string }> }) {
  const { experimentId, sessionId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/labeling/sessions/${sessionId}`);
  const session = await getLabelingSession(actor, sessionId);
  const h = await headers();
  // The link reviewers get: NEXTAUTH_URL when set (the public address), else this request's host.
  const origin =
    process.env.NEXTAUTH_URL?.replace(/\/$/, "") ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host")}`;
  return (
    <div className="mx-auto max-w-7xl">
      <Link href={`/experiments/${experimentId}/labeling`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Sessions
      </Link>
      <PageHeader
        title={session.name}
        description={`${session.itemCount} items · ${session.labelsPerItem} reviewer(s) per item · run ${session.runId}`}
      />
      <SessionDetail session={session} origin={origin} />
    </div>
  );
}

export default page(LabelingSessionPage);
