// PATCH /api/evaluation/datasets/:datasetId/records/:recordId: replace a record's expectations (writes a new version).
import { updateDatasetRecord } from "@/lib/evaluation/datasets/service";
import { ZUpdateDatasetRecordBody } from "@/lib/evaluation/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const PATCH = route(
  { role: "DEVELOPER", body: ZUpdateDatasetRecordBody, params: pathParams("datasetId", "recordId") },
  ({ actor, body, params }) => updateDatasetRecord(actor, params.datasetId, params.recordId, body),
);
