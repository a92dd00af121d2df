// GET: list an experiment's evaluation datasets. POST: create one (empty, or from a labeling session, trace ids, records or an uploaded JSONL/CSV).
import { createDataset, listDatasets } from "@/lib/evaluation/datasets/service";
import { ZCreateDatasetBody } from "@/lib/evaluation/schemas";
import { ZPageQuery } from "@/lib/paging/schemas";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", query: ZPageQuery }, ({ actor, query, params }) =>
  listDatasets(actor, String(params.experimentId), query),
);
export const POST = route({ role: "DEVELOPER", body: ZCreateDatasetBody }, ({ actor, body, params }) =>
  createDataset(actor, String(params.experimentId), body),
);
