// GET /api/traces/<traceId>/assessments: all assessments on a trace. POST: add one (developer).
import { route } from "@/lib/http/route";
import { ZCreateAssessmentBody } from "@/lib/assessments/schemas";
import { createAssessment, listTraceAssessments } from "@/lib/assessments/service";

export const GET = route({ role: "REVIEWER" }, async ({ actor, params }) => ({
  assessments: await listTraceAssessments(actor, String(params.traceId)),
}));
export const POST = route({ role: "DEVELOPER", body: ZCreateAssessmentBody }, async ({ actor, params, body }) => ({
  assessment: await createAssessment(actor, String(params.traceId), body),
}));
