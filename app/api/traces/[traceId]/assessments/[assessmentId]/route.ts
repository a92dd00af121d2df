// GET/PATCH/DELETE /api/traces/<traceId>/assessments/<assessmentId>: read, update (masked) or delete one assessment.
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZUpdateAssessmentBody } from "@/lib/assessments/schemas";
import { deleteAssessment, getAssessment, updateAssessment } from "@/lib/assessments/service";

const params = pathParams("traceId", "assessmentId");
const ids = (p: { traceId: string; assessmentId: string }) => [p.traceId, p.assessmentId] as const;

export const GET = route({ role: "REVIEWER", params }, async ({ actor, params }) => ({
  assessment: await getAssessment(actor, ...ids(params)),
}));
export const PATCH = route(
  { role: "DEVELOPER", body: ZUpdateAssessmentBody, params },
  async ({ actor, params, body: { mask, ...patch } }) => ({
    assessment: await updateAssessment(actor, ...ids(params), patch, mask),
  }),
);
export const DELETE = route({ role: "DEVELOPER", params }, ({ actor, params }) =>
  deleteAssessment(actor, ...ids(params)),
);
