import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import { getDataset } from "@/lib/evaluation/datasets/service";
import { page } from "@/lib/http/page";

// The dataset page's guard (403 below Developer, 404 for an unknown dataset), decided outside this
// segment's loading.tsx boundary so the statuses stay real.
async function DatasetGuard({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ experimentId: string; datasetId: string }>;
}) {
  const { experimentId, datasetId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/datasets/${datasetId}`);
  await getDataset(actor, datasetId);
  return children;
}

export default page(DatasetGuard);
