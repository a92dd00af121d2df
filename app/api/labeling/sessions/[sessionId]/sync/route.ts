// POST /api/labeling/sessions/:sessionId/sync: copy the session's expectation labels into an evaluation dataset (created or merged).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { syncSessionToDataset, ZSyncSessionBody } from "@/lib/labeling/dataset-sync/service";

export const POST = route(
  { role: "DEVELOPER", body: ZSyncSessionBody, params: pathParams("sessionId") },
  ({ actor, body, params }) => syncSessionToDataset(actor, params.sessionId, body),
);
