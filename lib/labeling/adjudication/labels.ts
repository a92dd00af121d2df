import "server-only";
import { db } from "@/lib/db/client";
import { ADJUDICATED_METADATA_KEY } from "@/lib/assessments/schemas";

/** One reviewer's submitted answers on one item, read from their assessments (the source of truth). */
export interface ItemLabel {
  itemId: string;
  userId: string;
  email: string;
  answers: Record<string, { value: unknown; comment: string | null; assessmentId: string }>;
}

const parse = (text: string | null): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export const isAdjudicated = (metadata: string): boolean => {
  try {
    return (JSON.parse(metadata) as Record<string, string>)[ADJUDICATED_METADATA_KEY] === "true";
  } catch {
    return false;
  }
};

/**
 * The reviewers' labels on these items: the valid assessments that carry the session's run id,
 * were written by a signed-in user and answer one of the session's questions. Adjudicated
 * answers are not labels (see `loadAdjudicatedAnswers`).
 */
export async function loadItemLabels(
  session: { runId: string; schemaNames: string[] },
  items: readonly { id: string; traceId: string }[],
): Promise<ItemLabel[]> {
  if (!items.length) return [];
  const itemOf = new Map(items.map((i) => [i.traceId, i.id]));
  const rows = await db().assessment.findMany({
    where: {
      runId: session.runId,
      traceId: { in: [...itemOf.keys()] },
      name: { in: session.schemaNames },
      valid: true,
      createdById: { not: null },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      traceId: true,
      name: true,
      value: true,
      rationale: true,
      metadata: true,
      createdById: true,
      createdBy: { select: { email: true } },
    },
  });
  const byKey = new Map<string, ItemLabel>();
  for (const r of rows) {
    if (isAdjudicated(r.metadata)) continue;
    const itemId = itemOf.get(r.traceId)!;
    const key = `${itemId}\u0000${r.createdById}`;
    const label = byKey.get(key) ?? { itemId, userId: r.createdById!, email: r.createdBy?.email ?? "", answers: {} };
    label.answers[r.name] = { value: parse(r.value), comment: r.rationale, assessmentId: r.id };
    byKey.set(key, label);
  }
  return [...byKey.values()];
}

/** The adjudicated answers on these traces for the session's run: traceId → name → {value, comment, assessmentId}. */
export async function loadAdjudicatedAnswers(
  runId: string,
  traceIds: readonly string[],
): Promise<Map<string, Record<string, { value: unknown; comment: string | null; assessmentId: string }>>> {
  const out = new Map<string, Record<string, { value: unknown; comment: string | null; assessmentId: string }>>();
  if (!traceIds.length) return out;
  const rows = await db().assessment.findMany({
    where: { runId, traceId: { in: [...traceIds] }, valid: true, metadata: { contains: ADJUDICATED_METADATA_KEY } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, traceId: true, name: true, value: true, rationale: true, metadata: true },
  });
  for (const r of rows) {
    if (!isAdjudicated(r.metadata)) continue;
    const answers = out.get(r.traceId) ?? {};
    answers[r.name] = { value: parse(r.value), comment: r.rationale, assessmentId: r.id };
    out.set(r.traceId, answers);
  }
  return out;
}
