import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import type { TValidatedAnswer } from "@/lib/labeling/label-input";
import { loadSession } from "@/lib/labeling/sessions/access";
import type { TPageTokenQuery } from "@/lib/paging/schemas";
import type { ResultRowDto, SessionProgressDto } from "@/lib/labeling/types";
export type { ReviewerProgressDto, ResultLabelDto } from "@/lib/labeling/types";
export type { ResultRowDto, SessionProgressDto } from "@/lib/labeling/types";

/** Items done / in progress / left, and per reviewer (developers and admins). */
export async function getSessionProgress(actor: Actor, sessionId: string): Promise<SessionProgressDto> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const [total, perItem, perUser] = await Promise.all([
    db().labelingItem.count({ where: { sessionId } }),
    db().labelingClaim.groupBy({
      by: ["itemId", "status"],
      where: { item: { sessionId }, status: { in: ["COMPLETED", "IN_PROGRESS"] } },
      _count: { _all: true },
    }),
    db().labelingClaim.groupBy({ by: ["userId", "status"], where: { item: { sessionId } }, _count: { _all: true } }),
  ]);
  const completedByItem = new Map<string, number>();
  const touched = new Set<string>();
  for (const g of perItem) {
    touched.add(g.itemId);
    if (g.status === "COMPLETED") completedByItem.set(g.itemId, g._count._all);
  }
  const done = [...completedByItem.values()].filter((n) => n >= session.labelsPerItem).length;
  const inProgress = touched.size - done;
  const userIds = [...new Set([...session.reviewers.map((r) => r.userId), ...perUser.map((g) => g.userId)])];
  const users = await db().user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, email: true, name: true },
  });
  const count = (userId: string, status: string) =>
    perUser.find((g) => g.userId === userId && g.status === status)?._count._all ?? 0;
  const reviewers = users
    .map((u) => ({
      userId: u.id,
      email: u.email,
      name: u.name,
      assigned: session.reviewers.some((r) => r.userId === u.id),
      completed: count(u.id, "COMPLETED"),
      inProgress: count(u.id, "IN_PROGRESS"),
      skipped: count(u.id, "SKIPPED"),
    }))
    .sort((a, b) => b.completed - a.completed || a.email.localeCompare(b.email));
  return {
    totalItems: total,
    done,
    inProgress: inProgress,
    left: total - done - inProgress,
    labelsPerItem: session.labelsPerItem,
    reviewers,
  };
}

/**
 * The results table: every item of the session (a page at a time, in queue order) with every
 * reviewer's submitted answers (developers and admins).
 */
export async function getSessionResults(
  actor: Actor,
  sessionId: string,
  query: TPageTokenQuery,
): Promise<{
  schemas: { name: string; title: string; type: string }[];
  rows: ResultRowDto[];
  nextPageToken?: string;
}> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 100;
  const items = await db().labelingItem.findMany({
    where: { sessionId },
    orderBy: { position: "asc" },
    skip,
    take,
    include: {
      trace: { select: { requestPreview: true, responsePreview: true } },
      claims: {
        where: { status: "COMPLETED" },
        orderBy: { completedAt: "asc" },
        include: { user: { select: { email: true } } },
      },
    },
  });
  return {
    schemas: session.schemaDtos.map((s) => ({ name: s.name, title: s.title, type: s.type })),
    rows: items.map((i) => ({
      itemId: i.id,
      traceId: i.traceId,
      position: i.position,
      requestPreview: i.trace.requestPreview,
      responsePreview: i.trace.responsePreview,
      labels: i.claims.map((c) => ({
        userId: c.userId,
        email: c.user.email,
        answers: c.answers ? (JSON.parse(c.answers) as Record<string, TValidatedAnswer>) : {},
        completedAt: c.completedAt?.getTime() ?? null,
      })),
    })),
    nextPageToken: nextPageToken(skip, take, items.length),
  };
}

/**
 * Every submitted label of a session, in batches (for exports and agreement): calls `each` with
 * item/trace ids, the reviewer and their answers, in queue order.
 */
export async function forEachSubmittedLabel(
  sessionId: string,
  each: (row: {
    itemId: string;
    traceId: string;
    position: number;
    userId: string;
    email: string;
    answers: Record<string, TValidatedAnswer>;
    completedAt: Date | null;
  }) => void,
): Promise<void> {
  const batch = 1000;
  for (let skip = 0; ; skip += batch) {
    const claims = await db().labelingClaim.findMany({
      where: { status: "COMPLETED", item: { sessionId } },
      orderBy: [{ item: { position: "asc" } }, { completedAt: "asc" }, { id: "asc" }],
      skip,
      take: batch,
      include: { item: { select: { traceId: true, position: true } }, user: { select: { email: true } } },
    });
    for (const c of claims) {
      each({
        itemId: c.itemId,
        traceId: c.item.traceId,
        position: c.item.position,
        userId: c.userId,
        email: c.user.email,
        answers: c.answers ? (JSON.parse(c.answers) as Record<string, TValidatedAnswer>) : {},
        completedAt: c.completedAt,
      });
    }
    if (claims.length < batch) return;
  }
}
