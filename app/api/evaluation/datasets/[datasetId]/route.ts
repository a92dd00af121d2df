// GET /api/evaluation/datasets/:datasetId: one dataset with its versions.
import { getDataset } from "@/lib/evaluation/datasets/service";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER", params: pathParams("datasetId") }, ({ actor, params }) =>
  getDataset(actor, params.datasetId),
);
