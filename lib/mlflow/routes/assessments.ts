import "server-only";
/** The four MLflow assessment endpoints (docs/mlflow-compatibility.md §3) over lib/assessments. */
import { z } from "zod";
import { createAssessment, deleteAssessment, getAssessment, updateAssessment } from "@/lib/assessments/service";
import type { TUpdateAssessmentPatch } from "@/lib/assessments/schemas";
import { ValidationError } from "@/lib/errors";
import { defineRoute, type MlflowRoute } from "../router";
import { assessmentFromWire, assessmentToWire } from "../wire";

const V3 = ["3.0"] as const;
const ZWireAssessment = z.record(z.string(), z.unknown());
const path = "traces/:traceId/assessments/:assessmentId";

/** MLflow's FieldMask: "a,b" (lowerCamel) or snake_case, or a list; to our mask names. */
function maskOf(raw: unknown): string[] {
  const parts = (
    Array.isArray(raw)
      ? raw
      : typeof raw === "string"
        ? raw.split(",")
        : raw && typeof raw === "object" && Array.isArray((raw as { paths?: unknown }).paths)
          ? (raw as { paths: string[] }).paths
          : []
  )
    .map((p) => String(p).trim())
    .filter(Boolean);
  return parts.map((p) => p.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));
}

export const assessmentRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V3,
    path: "traces/:traceId/assessments",
    role: "DEVELOPER",
    input: z.object({ assessment: ZWireAssessment }),
    handler: async ({ actor, input, params }) => {
      const traceId = params.traceId!;
      if (input.assessment.trace_id && input.assessment.trace_id !== traceId)
        throw new ValidationError(
          `assessment.trace_id '${String(input.assessment.trace_id)}' does not match the path's trace id '${traceId}'`,
        );
      return {
        assessment: assessmentToWire(await createAssessment(actor, traceId, assessmentFromWire(input.assessment))),
      };
    },
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path,
    role: "DEVELOPER",
    input: z.object({}),
    handler: async ({ actor, params }) => ({
      assessment: assessmentToWire(await getAssessment(actor, params.traceId!, params.assessmentId!)),
    }),
  }),
  defineRoute({
    method: "PATCH",
    versions: V3,
    path,
    role: "DEVELOPER",
    input: z.object({ assessment: ZWireAssessment.default({}), update_mask: z.unknown().optional() }),
    handler: async ({ actor, input, params }) => {
      const a = input.assessment;
      const hasValue = a.feedback !== undefined || a.expectation !== undefined;
      const parsed = hasValue ? assessmentFromWire(a) : undefined;
      const patch: TUpdateAssessmentPatch = {
        ...(a.assessment_name !== undefined ? { name: String(a.assessment_name) } : {}),
        ...(parsed ? { kind: parsed.kind, value: parsed.value, error: parsed.error } : {}),
        ...(a.rationale !== undefined ? { rationale: a.rationale as string | null } : {}),
        ...(a.metadata !== undefined ? { metadata: a.metadata as Record<string, string> } : {}),
        ...(a.valid !== undefined ? { valid: Boolean(a.valid) } : {}),
      };
      return {
        assessment: assessmentToWire(
          await updateAssessment(actor, params.traceId!, params.assessmentId!, patch, maskOf(input.update_mask)),
        ),
      };
    },
  }),
  // The Python client sends {trace_id, assessment_id} as a body; the path carries both anyway.
  defineRoute({
    method: "DELETE",
    versions: V3,
    path,
    role: "DEVELOPER",
    input: z.object({}).passthrough(),
    handler: async ({ actor, params }) => {
      await deleteAssessment(actor, params.traceId!, params.assessmentId!);
      return {};
    },
  }),
];
