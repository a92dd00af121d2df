import { AgentsPanel } from "@/components/agents/agents-panel";
import { PageHeader } from "@/components/ui/page-header";
import { page } from "@/lib/http/page";

async function AgentsPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title="Agents"
        description="The chat endpoints experts talk to in the Review App. Choose one on a labeling session to offer a chat."
      />
      <AgentsPanel experimentId={experimentId} />
    </div>
  );
}

export default page(AgentsPage);
