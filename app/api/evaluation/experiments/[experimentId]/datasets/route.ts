// GET: list an experiment's evaluation datasets. POST: create one (empty, or from a labeling session, trace ids, records or an uploaded JSONL/CSV).
import { createDataset, listDatasets } from "@/lib/evaluation/datasets/service";
import { ZCreateDatasetBody } from "@/lib/evaluation/schemas";
import { ZPageQuery } from "@/lib/paging/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "DEVELOPER", query: ZPageQuery, params: pathParams("experimentId") },
  ({ actor, query, params }) => listDatasets(actor, params.experimentId, query),
);
export const POST = route(
  { role: "DEVELOPER", body: ZCreateDatasetBody, params: pathParams("experimentId") },
  ({ actor, body, params }) => createDataset(actor, params.experimentId, body),
);
