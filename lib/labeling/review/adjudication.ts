import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getAdjudicationItem } from "@/lib/labeling/adjudication/service";
import type { AdjudicationDetailDto } from "@/lib/labeling/adjudication/types";
import { loadReviewTrace } from "@/lib/labeling/review/trace";

/**
 * One item for the adjudication screen: the disagreement (lib/labeling/adjudication) with the
 * trace as reviewers read it, every label of the session visible. Lives here because the review
 * folder owns how a trace is shown (and adjudication sits below it).
 */
export async function getAdjudicationDetail(
  actor: Actor,
  sessionId: string,
  itemId: string,
): Promise<AdjudicationDetailDto> {
  const { sessionRunId, ...detail } = await getAdjudicationItem(actor, sessionId, itemId);
  const trace = await loadReviewTrace(detail.item.traceId, actor, { sessionRunId, revealSession: true });
  return { ...detail, trace };
}
