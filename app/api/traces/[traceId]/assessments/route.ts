// GET /api/traces/<traceId>/assessments: all assessments on a trace. POST: add one (developer).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZCreateAssessmentBody } from "@/lib/assessments/schemas";
import { createAssessment, listTraceAssessments } from "@/lib/assessments/service";

export const GET = route({ role: "REVIEWER", params: pathParams("traceId") }, async ({ actor, params }) => ({
  assessments: await listTraceAssessments(actor, params.traceId),
}));
export const POST = route(
  { role: "DEVELOPER", body: ZCreateAssessmentBody, params: pathParams("traceId") },
  async ({ actor, params, body }) => ({
    assessment: await createAssessment(actor, params.traceId, body),
  }),
);
