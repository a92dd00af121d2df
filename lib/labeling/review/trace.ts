import "server-only";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { assessmentVisibility } from "@/lib/auth/reviewer-scope";
import { driverReads, type Dialect, type Row, type Statement } from "@/lib/db/driver";
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
 * The three reads of a trace for the review screen (the trace, its spans, its assessments), for
 * driverReads: only the columns shown; 64-bit times come as text (SQLite's driver would round
 * them). The review queue's Next sends them with the item's own reads, in one round trip on
 * PostgreSQL (buildItem in ./service.ts).
 */
export function reviewTraceReads({ p }: Dialect, traceId: string): Statement[] {
  return [
    {
      name: "review_trace",
      text: `SELECT "id", "name", CAST("timestampMs" AS TEXT) AS "timestampMs", "state" FROM "Trace" WHERE "id" = ${p(1)}`,
      values: [traceId],
    },
    {
      name: "review_trace_spans",
      text: `SELECT "spanId", "parentSpanId", "name", "spanType", "statusCode", CAST("startTimeNs" AS TEXT) AS "startTimeNs",
          CAST("endTimeNs" AS TEXT) AS "endTimeNs", "inputs", "outputs", "attributes"
        FROM "Span" WHERE "traceId" = ${p(1)} ORDER BY "startTimeNs" ASC, "spanId" ASC LIMIT ${p(2)}`,
      values: [traceId, MAX_SPANS + 1],
    },
    {
      name: "review_trace_assessments",
      text: `SELECT "traceId", "name", "kind", "value", "rationale", "sourceType", "sourceId", "runId", "createdById"
        FROM "Assessment" WHERE "traceId" = ${p(1)} AND "valid" = TRUE ORDER BY "createdAt" ASC LIMIT 200`,
      values: [traceId],
    },
  ];
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
  return toReviewTrace(traceId, await driverReads((d) => reviewTraceReads(d, traceId)), actor, opts);
}

/** The rows of reviewTraceReads as the review screen's trace (see loadReviewTrace). */
export async function toReviewTrace(
  traceId: string,
  [[trace], spans, assessments]: Row[][],
  actor: Actor,
  opts: { sessionRunId: string; revealSession: boolean },
): Promise<ReviewTraceDto> {
  if (!trace) throw new NotFoundError(`Trace '${traceId}' does not exist`);
  const viewer = { userId: actor.userId, ...opts };
  const rows = assessments as unknown as AssessmentRow[];
  const fromSession = (a: AssessmentRow) => a.runId === viewer.sessionRunId;
  // Reviewers never see other reviewers' labels from other sessions either (lib/auth/reviewer-scope.ts);
  // this session's labels follow the session's own rule below.
  const visible = await assessmentVisibility(
    actor,
    rows.filter((a) => !fromSession(a)),
  );
  const spanRows = spans as unknown as SpanRow[];
  const ids = new Set(spanRows.map((s) => s.spanId));
  const root = spanRows.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  return {
    traceId: String(trace.id),
    name: trace.name as string | null,
    timestampMs: Number(trace.timestampMs),
    state: String(trace.state),
    rootSpanId: root?.spanId ?? null,
    spansTruncated: spanRows.length > MAX_SPANS,
    spans: spanRows.slice(0, MAX_SPANS).map((s) => {
      const attributes = parse(s.attributes) as Record<string, unknown> | null;
      const format = attributes?.["mlflow.message.format"];
      // The explorer's span shape, so the review screen shares its tree builder and renderers.
      return {
        spanId: s.spanId,
        parentSpanId: s.parentSpanId,
        name: s.name,
        spanType: s.spanType,
        statusCode: s.statusCode,
        startTimeNs: s.startTimeNs,
        endTimeNs: s.endTimeNs,
        inputs: parse(s.inputs),
        outputs: parse(s.outputs),
        messageFormat: typeof format === "string" ? format : null,
      };
    }),
    assessments: rows
      .filter((a) => (fromSession(a) ? viewer.revealSession || a.createdById === viewer.userId : visible(a)))
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

interface SpanRow {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  spanType: string;
  statusCode: string;
  startTimeNs: string;
  endTimeNs: string | null;
  inputs: string | null;
  outputs: string | null;
  attributes: string | null;
}

interface AssessmentRow {
  traceId: string;
  name: string;
  kind: string;
  value: string | null;
  rationale: string | null;
  sourceType: string;
  sourceId: string;
  runId: string | null;
  createdById: string | null;
}
