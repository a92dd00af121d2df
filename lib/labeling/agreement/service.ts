import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { summarizeAgreement, type SubmittedLabel } from "@/lib/labeling/agreement/summary";
import { forEachSubmittedLabel } from "@/lib/labeling/results/service";
import { loadSession } from "@/lib/labeling/sessions/access";
import type { SessionAgreementDto } from "@/lib/labeling/types";
export type { SessionAgreementDto } from "@/lib/labeling/types";

/** Inter-rater agreement per question of a session, with the items reviewers disagree on most (developers and admins). */
export async function getSessionAgreement(actor: Actor, sessionId: string): Promise<SessionAgreementDto> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const labels: SubmittedLabel[] = [];
  const traceOf = new Map<string, string>();
  await forEachSubmittedLabel(sessionId, (r) => {
    labels.push({ itemId: r.itemId, userId: r.userId, answers: r.answers });
    traceOf.set(r.itemId, r.traceId);
  });
  const schemas = summarizeAgreement(session.definitions, labels).map((s) => ({
    ...s,
    disagreements: s.disagreements.map((d) => ({ ...d, traceId: traceOf.get(d.itemId) ?? "" })),
  }));
  return { labelsPerItem: session.labelsPerItem, schemas };
}
