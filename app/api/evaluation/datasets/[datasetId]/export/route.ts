// GET /api/evaluation/datasets/:datasetId/export?version=N: download a version as JSONL.
import { exportDatasetJsonl } from "@/lib/evaluation/datasets/service";
import { ZDatasetRecordsQuery } from "@/lib/evaluation/schemas";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", query: ZDatasetRecordsQuery }, async ({ actor, query, params }) => {
  const file = await exportDatasetJsonl(actor, String(params.datasetId), query.version);
  return new Response(file.body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
    },
  });
});
