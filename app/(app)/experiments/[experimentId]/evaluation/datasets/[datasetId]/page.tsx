import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { DatasetView } from "@/components/evaluation/dataset-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { getDataset } from "@/lib/evaluation/datasets/service";
import { page } from "@/lib/http/page";

async function DatasetPage({ params }: { params: Promise<{ experimentId: string; datasetId: string }> }) {
  const { experimentId, datasetId } = await params;
  const actor = await requirePageActor("DEVELOPER", `/experiments/${experimentId}/evaluation/datasets/${datasetId}`);
  const dataset = await getDataset(actor, datasetId);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title={`Dataset · ${dataset.name}`}
        description={
          <Link className="text-indigo-700 hover:underline" href={`/experiments/${experimentId}/evaluation`}>
            <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> Evaluation
          </Link>
        }
      />
      <DatasetView experimentId={experimentId} datasetId={datasetId} />
    </div>
  );
}

export default page(DatasetPage);
