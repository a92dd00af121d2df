import { z } from "zod";
import { route } from "@/lib/http/route";
import { getPreviousItemId } from "@/lib/labeling/review/service";

// GET /api/labeling/sessions/<id>/previous?before=<itemId>: the item the reviewer finished before that one.
export const GET = route(
  { role: "REVIEWER", query: z.object({ before: z.string().optional() }) },
  ({ actor, query, params }) => getPreviousItemId(actor, params.sessionId as string, query.before),
);
