import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { assessmentVisibility } from "@/lib/auth/reviewer-scope";
import type { ReviewTraceDto } from "@/lib/labeling/types";
export type { ReviewAssessmentDto } from "@/lib/labeling/types";
export type { ReviewSpanDto, ReviewTraceDto } from "@/lib/labeling/types";

/** Spans sent to the review screen; deeper agent traces are cut here (the trace explorer has them all). */
const MAX_SPANS = 500;

function parse(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Loads a trace for the review screen. Labels of the same session by *other* reviewers are left
 * out, so a reviewer is not anchored by a colleague's answer (that would inflate agreement);
 * end-user feedback, judges' and everyone else's assessments are shown.
 */
export async function loadReviewTrace(
  traceId: string,
  actor: Actor,
  opts: { sessionRunId: string; revealSession: boolean },
): Promise<ReviewTraceDto> {
  const trace = await db().trace.findUnique({ where: { id: traceId } });
  if (!trace) throw new NotFoundError(`Trace '${traceId}' does not exist`);
  const viewer = { userId: actor.userId, ...opts };
  const [spans, assessments] = await Promise.all([
    db().span.findMany({
      where: { traceId },
      orderBy: [{ startTimeNs: "asc" }, { spanId: "asc" }],
      take: MAX_SPANS + 1,
    }),
    db().assessment.findMany({ where: { traceId, valid: true }, orderBy: { createdAt: "asc" }, take: 200 }),
  ]);
  // Reviewers never see other reviewers' labels from other sessions either (lib/auth/reviewer-scope.ts).
  const visible = await assessmentVisibility(actor, assessments);
  const ids = new Set(spans.map((s) => s.spanId));
  const root = spans.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  return {
    traceId: trace.id,
    name: trace.name,
    timestampMs: Number(trace.timestampMs),
    state: trace.state,
    rootSpanId: root?.spanId ?? null,
    spansTruncated: spans.length > MAX_SPANS,
    spans: spans.slice(0, MAX_SPANS).map((s) => {
      const attributes = parse(s.attributes) as Record<string, unknown> | null;
      const format = attributes?.["mlflow.message.format"];
      // The explorer's span shape, so the review screen shares its tree builder and renderers.
      return {
        spanId: s.spanId,
        parentSpanId: s.parentSpanId,
        name: s.name,
        spanType: s.spanType,
        statusCode: s.statusCode,
        startTimeNs: s.startTimeNs.toString(),
        endTimeNs: s.endTimeNs == null ? null : s.endTimeNs.toString(),
        inputs: parse(s.inputs),
        outputs: parse(s.outputs),
        messageFormat: typeof format === "string" ? format : null,
      };
    }),
    assessments: assessments
      .filter((a) =>
        a.runId === viewer.sessionRunId ? viewer.revealSession || a.createdById === viewer.userId : visible(a),
      )
      .map((a) => ({
        name: a.name,
        kind: a.kind,
        value: parse(a.value),
        rationale: a.rationale,
        sourceType: a.sourceType,
        sourceId: a.sourceId,
        mine: a.createdById === viewer.userId,
      })),
  };
}
