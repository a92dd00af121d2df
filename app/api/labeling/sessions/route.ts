import { withReviewUrl } from "@/lib/http/public-url";
import { route } from "@/lib/http/route";
import { ZCreateLabelingSessionRequest, ZExperimentListQuery } from "@/lib/labeling/schemas";
import { createLabelingSession, listLabelingSessions } from "@/lib/labeling/sessions/service";

// GET /api/labeling/sessions?experimentId=: sessions of an experiment the caller may see, newest first, paginated.
export const GET = route({ role: "REVIEWER", query: ZExperimentListQuery }, async ({ actor, query, req }) => {
  const page = await listLabelingSessions(actor, query);
  return { ...page, sessions: page.sessions.map((s) => withReviewUrl(s, req)) };
});

// POST /api/labeling/sessions: create a labeling session (and its run).
export const POST = route({ role: "DEVELOPER", body: ZCreateLabelingSessionRequest }, async ({ actor, body, req }) =>
  withReviewUrl(await createLabelingSession(actor, body), req),
);
