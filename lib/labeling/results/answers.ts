import "server-only";
/**
 * One source of truth for submitted answers: a reviewer's answer to a question IS the
 * assessment `submitLabels` wrote (on the item's trace, named after the schema, carrying the
 * session's run id, created by the reviewer). Results, agreement, export and dataset sync all
 * read the assessments, so an edit in the trace view shows everywhere. An assessment that was
 * replaced in the trace view (`overrides`) answers with its newest valid replacement; one that
 * was deleted or invalidated no longer counts as an answer.
 */
import { db } from "@/lib/db/client";
import type { TValidatedAnswer } from "@/lib/labeling/label-input";
import { isAdjudicated } from "@/lib/labeling/adjudication/labels";

export type AnswersByReviewer = Map<string, Record<string, TValidatedAnswer>>;

/** Key of one reviewer's answers on one trace. */
export const answerKey = (traceId: string, userId: string) => `${traceId}\u0000${userId}`;

function parseValue(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The answers of the given (trace, reviewer) pairs in a session, keyed by `answerKey`. Reads in
 * batches of 500 traces; a pair with no current assessment is absent from the map.
 */
export async function loadSubmittedAnswers(
  session: { runId: string; schemaNames: readonly string[] },
  pairs: readonly { traceId: string; userId: string }[],
): Promise<AnswersByReviewer> {
  const out: AnswersByReviewer = new Map();
  if (!pairs.length || !session.schemaNames.length) return out;
  const wanted = new Set(pairs.map((p) => answerKey(p.traceId, p.userId)));
  const traceIds = [...new Set(pairs.map((p) => p.traceId))];
  const userIds = [...new Set(pairs.map((p) => p.userId))];
  for (let i = 0; i < traceIds.length; i += 500) {
    const rows = await db().assessment.findMany({
      where: {
        runId: session.runId,
        traceId: { in: traceIds.slice(i, i + 500) },
        createdById: { in: userIds },
        name: { in: [...session.schemaNames] },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        traceId: true,
        name: true,
        value: true,
        rationale: true,
        valid: true,
        createdById: true,
        metadata: true,
        overriddenBy: {
          where: { valid: true },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
          select: { value: true, rationale: true },
        },
      },
    });
    for (const r of rows) {
      const key = answerKey(r.traceId, r.createdById!);
      if (!wanted.has(key)) continue;
      // An adjudicator's final answer is the session's verdict, not one more reviewer's label.
      if (isAdjudicated(r.metadata)) continue;
      const current = r.valid ? r : r.overriddenBy[0];
      if (!current) continue;
      const answers = out.get(key) ?? {};
      answers[r.name] = {
        value: parseValue(current.value) as TValidatedAnswer["value"],
        ...(current.rationale ? { comment: current.rationale } : {}),
      };
      out.set(key, answers);
    }
  }
  return out;
}
