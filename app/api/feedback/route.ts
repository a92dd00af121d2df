// POST /api/feedback: legacy end-user feedback ({"dataframe_records": [...]}) stored as feedback assessments.
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { submitLegacyFeedback } from "@/lib/feedback/service";

export const POST = route({ role: "DEVELOPER" }, async ({ actor, req }) =>
  submitLegacyFeedback(actor, await readJsonBody(req)),
);
