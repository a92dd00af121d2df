import { withReviewUrl } from "@/lib/http/public-url";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZUpdateLabelingSessionBody } from "@/lib/labeling/schemas";
import { deleteLabelingSession, getLabelingSession, updateLabelingSession } from "@/lib/labeling/sessions/service";

// GET /api/labeling/sessions/<id>: one session (404 for reviewers not assigned to it), with its absolute reviewUrl.
export const GET = route({ role: "REVIEWER", params: pathParams("sessionId") }, async ({ actor, params, req }) =>
  withReviewUrl(await getLabelingSession(actor, params.sessionId), req),
);

// PATCH /api/labeling/sessions/<id>: rename, re-assign, change schemas or labels per item.
export const PATCH = route(
  { role: "DEVELOPER", body: ZUpdateLabelingSessionBody, params: pathParams("sessionId") },
  async ({ actor, body, params, req }) =>
    withReviewUrl(await updateLabelingSession(actor, params.sessionId, body), req),
);

// DELETE /api/labeling/sessions/<id>: delete the session, its queue and its run (labels stay on the traces).
export const DELETE = route({ role: "DEVELOPER", params: pathParams("sessionId") }, ({ actor, params }) =>
  deleteLabelingSession(actor, params.sessionId),
);
