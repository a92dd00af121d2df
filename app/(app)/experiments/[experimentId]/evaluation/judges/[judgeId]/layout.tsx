import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { getJudge } from "@/lib/evaluation/custom-judges/service";
import { page } from "@/lib/http/page";

// The judge page's guard (403 below Developer, 404 for an unknown judge), outside loading.tsx.
async function JudgeGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; judgeId: string }>;
}) {
  const { experimentId, judgeId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/judges/${judgeId}`);
  await getJudge(actor, judgeId);
  return children;
}

export default page(JudgeGuard);
