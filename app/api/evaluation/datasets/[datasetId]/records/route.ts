// GET: a page of a dataset version's records. POST: merge records (session, trace ids, records or upload) into a new version.
import { listDatasetRecords, mergeDatasetRecords } from "@/lib/evaluation/datasets/service";
import { ZDatasetRecordsQuery, ZMergeDatasetRecordsBody } from "@/lib/evaluation/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "DEVELOPER", query: ZDatasetRecordsQuery, params: pathParams("datasetId") },
  ({ actor, query, params }) => listDatasetRecords(actor, params.datasetId, query),
);
export const POST = route(
  { role: "DEVELOPER", body: ZMergeDatasetRecordsBody, params: pathParams("datasetId") },
  ({ actor, body, params }) => mergeDatasetRecords(actor, params.datasetId, body),
);
