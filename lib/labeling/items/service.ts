import "server-only";
import { db, dbProvider } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { prepareTraceSearch } from "@/lib/traces/search/term-matches";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import type { TPageTokenQuery } from "@/lib/paging/schemas";
import { loadSession, loadSessionForReviewer } from "@/lib/labeling/sessions/access";
import { MAX_ITEMS_PER_ADD, type TAddSessionItemsBody, type TRemoveSessionItemsBody } from "@/lib/labeling/schemas";
import type { AddItemsResult } from "@/lib/labeling/types";
export type { AddItemsResult } from "@/lib/labeling/types";

/** A filter may match many traces; we page through them in batches of this size. */
const FILTER_BATCH = 500;
/** Upper bound of traces one add-by-filter takes, so a broad filter cannot build a 1M-item queue by accident. */
export const MAX_ITEMS_PER_FILTER = 20_000;

/** Every trace id matching an MLflow filter in the experiment, oldest first, read in batches. */
async function traceIdsForFilter(experimentId: string, filter: string): Promise<{ ids: string[]; truncated: boolean }> {
  const ids: string[] = [];
  const search = await prepareTraceSearch({
    provider: dbProvider(),
    experimentIds: [experimentId],
    filter,
    orderBy: ["timestamp_ms ASC", "request_id ASC"],
    maxResults: FILTER_BATCH,
  });
  for (let offset = 0; ; offset += FILTER_BATCH) {
    const rows = await db().trace.findMany({
      where: search.where,
      orderBy: search.orderBy,
      skip: offset,
      take: FILTER_BATCH,
      select: { id: true },
    });
    ids.push(...rows.map((r) => r.id));
    if (ids.length >= MAX_ITEMS_PER_FILTER) return { ids: ids.slice(0, MAX_ITEMS_PER_FILTER), truncated: true };
    if (rows.length < FILTER_BATCH) return { ids, truncated: false };
  }
}

/**
 * Adds traces to a session's queue, by id or by trace search filter, and links them to the
 * session's run (TraceRunLink) so `run_id = '<run>'` finds them. A trace already in the session
 * is not added again. Trace ids from another experiment, or unknown ones, are a 400.
 */
export async function addSessionItems(
  actor: Actor,
  sessionId: string,
  body: TAddSessionItemsBody,
): Promise<AddItemsResult> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  let traceIds: string[];
  let truncated = false;
  if (body.filter !== undefined) {
    ({ ids: traceIds, truncated } = await traceIdsForFilter(session.experimentId, body.filter));
  } else {
    traceIds = [...new Set(body.traceIds!)];
    const found = new Set(
      (
        await db().trace.findMany({
          where: { id: { in: traceIds }, experimentId: session.experimentId },
          select: { id: true },
        })
      ).map((t) => t.id),
    );
    const missing = traceIds.filter((t) => !found.has(t));
    if (missing.length) {
      throw new ValidationError(
        `Trace(s) not found in this session's experiment: ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}`,
        {
          issues: [
            {
              path: "body.traceIds",
              message: `${missing.length} of these trace ids are not in this experiment (${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}): check them or remove them`,
            },
          ],
        },
      );
    }
  }
  let added = 0;
  for (let i = 0; i < traceIds.length; i += MAX_ITEMS_PER_ADD) {
    added += await addBatch(sessionId, session.runId, traceIds.slice(i, i + MAX_ITEMS_PER_ADD));
  }
  return {
    added,
    alreadyPresent: traceIds.length - added,
    matched: traceIds.length,
    truncated,
    itemCount: await db().labelingItem.count({ where: { sessionId } }),
  };
}

/** One transaction per batch: new items go to the end of the queue in the order given. */
async function addBatch(sessionId: string, runId: string, traceIds: string[]): Promise<number> {
  return db().$transaction(async (tx) => {
    const present = new Set(
      (
        await tx.labelingItem.findMany({ where: { sessionId, traceId: { in: traceIds } }, select: { traceId: true } })
      ).map((i) => i.traceId),
    );
    const fresh = traceIds.filter((t) => !present.has(t));
    if (!fresh.length) return 0;
    const last = await tx.labelingItem.findFirst({
      where: { sessionId },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    const start = (last?.position ?? -1) + 1;
    await tx.labelingItem.createMany({
      data: fresh.map((traceId, i) => ({ id: newId(), sessionId, traceId, position: start + i })),
    });
    const linked = new Set(
      (await tx.traceRunLink.findMany({ where: { runId, traceId: { in: fresh } }, select: { traceId: true } })).map(
        (l) => l.traceId,
      ),
    );
    const toLink = fresh.filter((t) => !linked.has(t));
    if (toLink.length) await tx.traceRunLink.createMany({ data: toLink.map((traceId) => ({ traceId, runId })) });
    return fresh.length;
  });
}

/**
 * Removes items (and their claims) from a session. The trace keeps its link to the session's
 * run only when someone already labeled it, because those labels carry the run id.
 */
export async function removeSessionItems(
  actor: Actor,
  sessionId: string,
  body: TRemoveSessionItemsBody,
): Promise<{ removed: number; itemCount: number }> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const where = {
    sessionId,
    ...(body.itemIds ? { id: { in: body.itemIds } } : { traceId: { in: body.traceIds! } }),
  };
  const removed = await db().$transaction(async (tx) => {
    const items = await tx.labelingItem.findMany({
      where,
      select: { id: true, traceId: true, claims: { where: { status: "COMPLETED" }, select: { id: true }, take: 1 } },
    });
    const unlabeled = items.filter((i) => i.claims.length === 0).map((i) => i.traceId);
    await tx.labelingItem.deleteMany({ where: { id: { in: items.map((i) => i.id) } } });
    if (unlabeled.length)
      await tx.traceRunLink.deleteMany({ where: { runId: session.runId, traceId: { in: unlabeled } } });
    return items.length;
  });
  return { removed, itemCount: await db().labelingItem.count({ where: { sessionId } }) };
}

export interface SessionItemDto {
  itemId: string;
  traceId: string;
  position: number;
  requestPreview: string | null;
  responsePreview: string | null;
  /** Reviewers who submitted labels for it. */
  completed: number;
  inProgress: number;
  /** COMPLETED once `labelsPerItem` reviewers labeled it. */
  state: "PENDING" | "IN_PROGRESS" | "COMPLETED";
}

/** A session's queue in order, a page at a time, with how far each item is. */
export async function listSessionItems(
  actor: Actor,
  sessionId: string,
  query: TPageTokenQuery,
): Promise<{ items: SessionItemDto[]; nextPageToken?: string }> {
  const session = await loadSessionForReviewer(actor, sessionId);
  requireRole(actor, "DEVELOPER");
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 100;
  const rows = await db().labelingItem.findMany({
    where: { sessionId },
    orderBy: [{ position: "asc" }],
    skip,
    take,
    include: {
      trace: { select: { requestPreview: true, responsePreview: true } },
      claims: { where: { status: { in: ["COMPLETED", "IN_PROGRESS"] } }, select: { status: true } },
    },
  });
  const items = rows.map((r): SessionItemDto => {
    const completed = r.claims.filter((c) => c.status === "COMPLETED").length;
    const inProgress = r.claims.length - completed;
    return {
      itemId: r.id,
      traceId: r.traceId,
      position: r.position,
      requestPreview: r.trace.requestPreview,
      responsePreview: r.trace.responsePreview,
      completed,
      inProgress: inProgress,
      state: completed >= session.labelsPerItem ? "COMPLETED" : completed + inProgress > 0 ? "IN_PROGRESS" : "PENDING",
    };
  });
  return { items, nextPageToken: nextPageToken(skip, take, rows.length) };
}
