import { route } from "@/lib/http/route";
import { ZCreateLabelingSessionRequest, ZExperimentListQuery } from "@/lib/labeling/schemas";
import { createLabelingSession, listLabelingSessions } from "@/lib/labeling/sessions/service";

// GET /api/labeling/sessions?experiment_id=: sessions of an experiment the caller may see, newest first, paginated.
export const GET = route({ role: "REVIEWER", query: ZExperimentListQuery }, ({ actor, query }) =>
  listLabelingSessions(actor, query),
);

// POST /api/labeling/sessions: create a labeling session (and its run).
export const POST = route({ role: "DEVELOPER", body: ZCreateLabelingSessionRequest }, ({ actor, body }) =>
  createLabelingSession(actor, body),
);
