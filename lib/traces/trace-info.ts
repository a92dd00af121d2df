/**
 * Builds TraceInfoDto for a page of trace rows with three batched queries (tags, metadata,
 * assessments), never one per trace. Shared by search and get.
 */
import "server-only";
import { toAssessmentDto } from "@/lib/assessments/internal";
import type { AssessmentDto } from "@/lib/assessments/schemas";
import type { Actor } from "@/lib/auth/actor";
import { db, type Prisma } from "@/lib/db/client";
import { assessmentVisibility } from "@/lib/auth/reviewer-scope";
import type { TraceInfoDto } from "./schemas";

/** The trace columns a TraceInfoDto needs (select these, not the whole row). */
export const TRACE_INFO_SELECT = {
  id: true,
  experimentId: true,
  clientRequestId: true,
  timestampMs: true,
  executionTimeMs: true,
  state: true,
  requestPreview: true,
  responsePreview: true,
  name: true,
  inputTokens: true,
  outputTokens: true,
  totalTokens: true,
  spanCount: true,
  sessionId: true,
  costUsd: true,
} as const;

/** A trace row as selected with TRACE_INFO_SELECT (derived from the schema, not re-declared). */
export type TraceInfoRow = Prisma.TraceGetPayload<{ select: typeof TRACE_INFO_SELECT }>;

function groupBy<T extends { traceId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.traceId);
    if (list) list.push(r);
    else out.set(r.traceId, [r]);
  }
  return out;
}

const toMap = (rows: { key: string; value: string }[] | undefined) =>
  Object.fromEntries((rows ?? []).map((r) => [r.key, r.value]));

/** DTOs for these rows, in the same order; a Reviewer's copy leaves out other reviewers' labels. */
export async function toTraceInfos(rows: TraceInfoRow[], actor: Actor): Promise<TraceInfoDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tags, metadata, assessments] = await Promise.all([
    db().traceTag.findMany({ where: { traceId: { in: ids } } }),
    db().traceMetadata.findMany({ where: { traceId: { in: ids } } }),
    db().assessment.findMany({ where: { traceId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const tagsBy = groupBy(tags);
  const metaBy = groupBy(metadata);
  const assessBy = new Map<string, AssessmentDto[]>();
  const visible = await assessmentVisibility(actor, assessments);
  for (const a of assessments) {
    if (!visible(a)) continue;
    const dto = toAssessmentDto(a);
    const list = assessBy.get(a.traceId);
    if (list) list.push(dto);
    else assessBy.set(a.traceId, [dto]);
  }
  return rows.map((t) => ({
    traceId: t.id,
    experimentId: t.experimentId,
    clientRequestId: t.clientRequestId,
    timestampMs: Number(t.timestampMs),
    executionTimeMs: t.executionTimeMs == null ? null : Number(t.executionTimeMs),
    state: t.state,
    requestPreview: t.requestPreview,
    responsePreview: t.responsePreview,
    name: t.name,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    totalTokens: t.totalTokens,
    spanCount: t.spanCount,
    sessionId: t.sessionId,
    costUsd: t.costUsd,
    tags: toMap(tagsBy.get(t.id)),
    metadata: toMap(metaBy.get(t.id)),
    assessments: assessBy.get(t.id) ?? [],
  }));
}
