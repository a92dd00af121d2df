import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { JudgeView } from "@/components/evaluation/judge-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getJudge } from "@/lib/evaluation/custom-judges/service";
import { page } from "@/lib/http/page";

async function JudgePage({ params }: { params: Promise<{ experimentId: string; judgeId: string }> }) {
  const { experimentId, judgeId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/judges/${judgeId}`);
  const judge = await getJudge(actor, judgeId);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title={`Judge · ${judge.name}`}
        description={
          <Link className="text-indigo-700 hover:underline" href={`/experiments/${experimentId}/evaluation/judges`}>
            <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> Judges
          </Link>
        }
      />
      <JudgeView experimentId={experimentId} judgeId={judgeId} />
    </div>
  );
}

export default page(JudgePage);
