import { route } from "@/lib/http/route";
import { getSessionProgress } from "@/lib/labeling/results/service";

// GET /api/labeling/sessions/<id>/progress: items done / in progress / left, overall and per reviewer.
export const GET = route({ role: "DEVELOPER" }, ({ actor, params }) =>
  getSessionProgress(actor, params.sessionId as string),
);
