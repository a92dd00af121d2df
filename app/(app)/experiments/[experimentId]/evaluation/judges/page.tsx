import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { JudgesPanel } from "@/components/evaluation/judges-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getExperiment } from "@/lib/experiments/service";
import { page } from "@/lib/http/page";

async function JudgesPage({ params }: { params: Promise<{ experimentId: string }> }) {
  const { experimentId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/judges`);
  const experiment = await getExperiment(actor, experimentId);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title={`Judges · ${experiment.name}`}
        description={
          <Link className="text-indigo-700 hover:underline" href={`/experiments/${experimentId}/evaluation`}>
            <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> Evaluation
          </Link>
        }
      />
      <JudgesPanel experimentId={experimentId} />
    </div>
  );
}

export default page(JudgesPage);
