// GET/PATCH/DELETE /api/traces/<traceId>/assessments/<assessmentId>: read, update (masked) or delete one assessment.
import { route } from "@/lib/http/route";
import { ZUpdateAssessmentBody } from "@/lib/assessments/schemas";
import { deleteAssessment, getAssessment, updateAssessment } from "@/lib/assessments/service";

const ids = (p: Record<string, string | string[]>) => [String(p.traceId), String(p.assessmentId)] as const;

export const GET = route({ role: "REVIEWER" }, async ({ actor, params }) => ({
  assessment: await getAssessment(actor, ...ids(params)),
}));
export const PATCH = route(
  { role: "DEVELOPER", body: ZUpdateAssessmentBody },
  async ({ actor, params, body: { mask, ...patch } }) => ({
    assessment: await updateAssessment(actor, ...ids(params), patch, mask),
  }),
);
export const DELETE = route({ role: "DEVELOPER" }, ({ actor, params }) => deleteAssessment(actor, ...ids(params)));
