// GET /api/evaluation/datasets/:datasetId/export?version=N: download a version as JSONL.
import { exportDatasetJsonl } from "@/lib/evaluation/datasets/service";
import { ZDatasetRecordsQuery } from "@/lib/evaluation/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "DEVELOPER", query: ZDatasetRecordsQuery, params: pathParams("datasetId") },
  async ({ actor, query, params }) => {
    const file = await exportDatasetJsonl(actor, params.datasetId, query.version);
    return new Response(file.body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${file.filename}"`,
      },
    });
  },
);
