// POST /api/monitoring/backfills/:backfillId/cancel: stops a queued or running backfill (409 once it ended).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { cancelBackfill } from "@/lib/monitoring/service";

export const POST = route({ role: "DEVELOPER", params: pathParams("backfillId") }, ({ actor, params }) =>
  cancelBackfill(actor, params.backfillId),
);
