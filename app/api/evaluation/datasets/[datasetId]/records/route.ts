// GET: a page of a dataset version's records. POST: merge records (session, trace ids, records or upload) into a new version.
import { listDatasetRecords, mergeDatasetRecords } from "@/lib/evaluation/datasets/service";
import { ZDatasetRecordsQuery, ZMergeDatasetRecordsBody } from "@/lib/evaluation/schemas";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", query: ZDatasetRecordsQuery }, ({ actor, query, params }) =>
  listDatasetRecords(actor, String(params.datasetId), query),
);
export const POST = route({ role: "DEVELOPER", body: ZMergeDatasetRecordsBody }, ({ actor, body, params }) =>
  mergeDatasetRecords(actor, String(params.datasetId), body),
);
