import { Suspense } from "react";
import { ConversationsList } from "@/components/conversations/conversations-list";
import { ExplorerTabs } from "@/components/conversations/explorer-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function SessionsPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  // The guard layout has answered 404 for an unknown experiment already.
  const actor = await requirePageActor("REVIEWER", `/experiments/${experimentId}/sessions`);
  const experiment = await getExperiment(actor, experimentId);
  return (
    <div>
      <PageHeader
        title={`Sessions · ${experiment.name}`}
        description="Conversations: the traces that share a session id, most recently active first."
      />
      <ExplorerTabs experimentId={experimentId} current="sessions" />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading sessions…</p>}>
        <ConversationsList experimentId={experimentId} />
      </Suspense>
    </div>
  );
}

export default page(SessionsPage);
