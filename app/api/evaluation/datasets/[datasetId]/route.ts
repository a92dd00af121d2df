// GET /api/evaluation/datasets/:datasetId: one dataset with its versions.
import { getDataset } from "@/lib/evaluation/datasets/service";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER" }, ({ actor, params }) => getDataset(actor, String(params.datasetId)));
