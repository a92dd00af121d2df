import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZActiveTimeBody } from "@/lib/labeling/throughput/schemas";
import { recordActiveTime } from "@/lib/labeling/throughput/service";

// POST /api/labeling/sessions/<id>/items/<itemId>/active-time: the review screen's heartbeat of active time.
export const POST = route(
  { role: "REVIEWER", body: ZActiveTimeBody, params: pathParams("sessionId", "itemId") },
  ({ actor, body, params }) => recordActiveTime(actor, params.sessionId, params.itemId, body),
);
