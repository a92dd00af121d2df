import { z } from "zod";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getPreviousItemId } from "@/lib/labeling/review/service";

// GET /api/labeling/sessions/<id>/previous?before=<itemId>: the item the reviewer finished before that one.
export const GET = route(
  { role: "REVIEWER", query: z.object({ before: z.string().optional() }), params: pathParams("sessionId") },
  ({ actor, query, params }) => getPreviousItemId(actor, params.sessionId, query.before),
);
