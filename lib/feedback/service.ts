import "server-only";
/**
 * Legacy end-user feedback (`POST /api/feedback`, and the old served-models path): each rating
 * becomes a feedback assessment (positive -> true, negative -> false) with the comment as its
 * rationale and `HUMAN/<source.id>` as its source. Unlike the original it validates everything
 * (400 naming record and field), 404s for unknown traces, and writes all records or none.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { writeAssessment } from "@/lib/assessments/internal";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { issuePath } from "@/lib/http/errors";
import { canonicalTraceId } from "@/lib/ids";
import { ZLegacyFeedbackBody, type LegacyFeedbackResult, type TLegacyFeedbackBody } from "./schemas";

const SOURCE_TYPES: Record<string, string> = {
  human: "HUMAN",
  end_user: "HUMAN",
  llm_judge: "LLM_JUDGE",
  ai_judge: "LLM_JUDGE",
  code: "CODE",
};

/** Validates a raw body; throws a 400 whose message lists each offending `dataframe_records[i].field`. */
export function parseLegacyFeedback(raw: unknown): TLegacyFeedbackBody {
  const parsed = ZLegacyFeedbackBody.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: issuePath("", i.path).replace(/^\./, "") || "body",
    message: i.message,
  }));
  throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
}

/**
 * The traces legacy request_ids name, in order (null when unknown): our trace id ("tr-<hex>", or
 * the bare hex MLflow 2 used), else a trace whose client_request_id it is (what apps that set
 * their own request ids kept; the newest wins). Two queries for the whole request.
 */
async function findTraces(requestIds: string[]): Promise<({ id: string } | null)[]> {
  const ids = requestIds.map(canonicalTraceId);
  const [byId, byClientId] = await Promise.all([
    db().trace.findMany({ where: { id: { in: ids.filter((x): x is string => !!x) } }, select: { id: true } }),
    db().trace.findMany({
      where: { clientRequestId: { in: requestIds } },
      orderBy: { timestampMs: "asc" },
      select: { id: true, clientRequestId: true },
    }),
  ]);
  const known = new Set(byId.map((t) => t.id));
  // Ascending order, so the newest trace of a client request id is the one left in the map.
  const newestByClientId = new Map(byClientId.map((t) => [t.clientRequestId!, t.id]));
  return requestIds.map((r, i) => {
    const id = ids[i];
    if (id && known.has(id)) return { id };
    const other = newestByClientId.get(r);
    return other ? { id: other } : null;
  });
}

export async function submitLegacyFeedback(actor: Actor, raw: unknown): Promise<LegacyFeedbackResult> {
  requireRole(actor, "DEVELOPER");
  const body = parseLegacyFeedback(raw);
  const traces = await findTraces(body.dataframe_records.map((r) => r.request_id));
  const missing = traces.findIndex((t) => !t);
  if (missing >= 0) {
    throw new NotFoundError(
      `dataframe_records[${missing}].request_id: trace '${body.dataframe_records[missing]!.request_id}' not found`,
    );
  }
  // Retrieval ratings go on the trace's first retriever span, when it has one.
  const retrievers = await db().span.findMany({
    where: { traceId: { in: traces.map((t) => t!.id) }, spanType: "RETRIEVER" },
    orderBy: [{ startTimeNs: "asc" }],
    select: { traceId: true, spanId: true },
  });
  const retrieverOf = new Map<string, string>();
  for (const s of retrievers) if (!retrieverOf.has(s.traceId)) retrieverOf.set(s.traceId, s.spanId);

  return db().$transaction(async (tx) => {
    const records: LegacyFeedbackResult["records"] = [];
    for (const [i, rec] of body.dataframe_records.entries()) {
      const traceId = traces[i]!.id;
      const source = { sourceType: SOURCE_TYPES[rec.source.type]!, sourceId: rec.source.id };
      const ids: string[] = [];
      const groups = [
        ...rec.text_assessments.map((g) => ({ g, spanId: null as string | null, kind: "text" })),
        ...rec.retrieval_assessments.map((g) => ({ g, spanId: retrieverOf.get(traceId) ?? null, kind: "retrieval" })),
      ];
      for (const { g, spanId, kind } of groups) {
        for (const [name, rating] of Object.entries(g.ratings)) {
          const metadata: Record<string, string> = { "legacy_feedback.assessment_type": kind };
          if ("position" in g && g.position !== undefined) metadata["legacy_feedback.position"] = String(g.position);
          const a = await writeAssessment(tx, {
            traceId,
            name,
            kind: "FEEDBACK",
            value: rating.value === "positive",
            rationale: rating.rationale ?? g.free_text_comment ?? null,
            source,
            spanId,
            metadata,
            createdById: actor.via === "system" ? null : actor.userId,
          });
          ids.push(a.assessmentId);
        }
      }
      records.push({ request_id: rec.request_id, trace_id: traceId, assessment_ids: ids });
    }
    return { predictions: "Ok" as const, records };
  });
}
