import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { newId, newRunId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/service";
import { requireRole } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import { getExperiment } from "@/lib/experiments/service";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { realUserId } from "@/lib/labeling/label-schemas/service";
import {
  loadSession,
  loadSessionForReviewer,
  SESSION_INCLUDE,
  toLoadedSession,
  type LoadedSession,
} from "@/lib/labeling/sessions/access";
import type {
  TCreateLabelingSessionRequest,
  TExperimentListQuery,
  TUpdateLabelingSessionBody,
} from "@/lib/labeling/schemas";
import type { LabelingSessionDto } from "@/lib/labeling/types";
import { forgetRecentSessions } from "@/lib/labeling/session-cache/recent";
export type { LabelingSessionDto } from "@/lib/labeling/types";

export function toSessionDto(s: LoadedSession, itemCount: number): LabelingSessionDto {
  return {
    id: s.id,
    experimentId: s.experimentId,
    name: s.name,
    runId: s.runId,
    labelsPerItem: s.labelsPerItem,
    openToAllReviewers: s.openToAllReviewers,
    revealLabelsAfterSubmit: s.revealLabelsAfterSubmit,
    instructions: s.instructions,
    labelSchemas: s.schemaDtos.map((d) => ({ id: d.id, name: d.name, title: d.title, type: d.type })),
    assignedUsers: s.reviewers.map((r) => r.user).sort((a, b) => a.email.localeCompare(b.email)),
    itemCount: itemCount,
    url: `/review/${s.id}`,
    createdAt: s.createdAt.getTime(),
    updatedAt: s.updatedAt.getTime(),
  };
}

/** Schema names or ids → ids, in the order given; unknown ones are a 400 that lists them. */
export async function resolveSchemas(experimentId: string, refs: string[]): Promise<string[]> {
  const rows = await db().labelSchema.findMany({
    where: { experimentId, OR: [{ id: { in: refs } }, { name: { in: refs } }] },
    select: { id: true, name: true },
  });
  const ids: string[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const hit = rows.find((r) => r.id === ref || r.name === ref);
    if (!hit) missing.push(ref);
    else if (!ids.includes(hit.id)) ids.push(hit.id);
  }
  if (missing.length) {
    throw new ValidationError(`Unknown label schema(s) in this experiment: ${missing.join(", ")}`, {
      issues: [
        {
          path: "body.labelSchemas",
          message: `no question named ${missing.map((m) => `'${m}'`).join(", ")} in this experiment: create it under Schemas or untick it`,
        },
      ],
    });
  }
  return ids;
}

/** User ids or emails → ids of enabled users; unknown ones are a 400 that lists them. */
export async function resolveUsers(refs: string[]): Promise<string[]> {
  if (!refs.length) return [];
  const lower = refs.map((r) => r.toLowerCase());
  const rows = await db().user.findMany({
    where: { disabledAt: null, OR: [{ id: { in: refs } }, { email: { in: [...refs, ...lower] } }] },
    select: { id: true, email: true },
  });
  const ids = new Set<string>();
  const missing: string[] = [];
  for (const ref of refs) {
    const hit = rows.find((r) => r.id === ref || r.email.toLowerCase() === ref.toLowerCase());
    if (hit) ids.add(hit.id);
    else missing.push(ref);
  }
  if (missing.length) {
    throw new ValidationError(`Unknown or disabled user(s): ${missing.join(", ")}`, {
      issues: [
        {
          path: "body.assignedUsers",
          message: `${missing.map((m) => `'${m}'`).join(", ")} is not an active user: invite them under Settings → Users, or remove them`,
        },
      ],
    });
  }
  return [...ids];
}

const itemCount = (sessionId: string) => db().labelingItem.count({ where: { sessionId } });

/**
 * Creates a labeling session and the MLflow run it owns, in one transaction (developers and
 * admins). Schemas are referenced by name or id, reviewers by user id or email.
 */
export async function createLabelingSession(
  actor: Actor,
  body: TCreateLabelingSessionRequest,
  /**
   * MLflow review queues (lib/labeling/review-queues/service.ts): a fixed id (a user's queue is
   * unique per experiment) and extra run tags. `alsoWrite` adds rows in the same transaction
   * (a compare session's pairs), so a failure leaves no session behind.
   */
  opts: {
    id?: string;
    runTags?: { key: string; value: string }[];
    alsoWrite?: (tx: Prisma.TransactionClient, session: { id: string; runId: string }) => Promise<void>;
  } = {},
): Promise<LabelingSessionDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, body.experimentId);
  const schemaIds = await resolveSchemas(body.experimentId, body.labelSchemas);
  const userIds = await resolveUsers(body.assignedUsers);
  const id = opts.id ?? newId();
  await db().$transaction(async (tx) => {
    const runId = newRunId();
    await tx.run.create({
      data: {
        id: runId,
        experimentId: body.experimentId,
        name: `labeling: ${body.name}`,
        startTimeMs: BigInt(Date.now()),
        tags: {
          create: [
            { key: "mlflow.labelingSessionId", value: id },
            { key: "mlflow.runName", value: `labeling: ${body.name}` },
            ...(opts.runTags ?? []),
          ],
        },
      },
    });
    await tx.labelingSession.create({
      data: {
        id,
        experimentId: body.experimentId,
        name: body.name,
        runId,
        labelsPerItem: body.labelsPerItem,
        openToAllReviewers: body.openToAllReviewers,
        revealLabelsAfterSubmit: body.revealLabelsAfterSubmit ?? false,
        instructions: body.instructions ?? null,
        createdById: realUserId(actor),
        schemas: { create: schemaIds.map((schemaId, position) => ({ schemaId, position })) },
        reviewers: { create: userIds.map((userId) => ({ userId })) },
      },
    });
    await opts.alsoWrite?.(tx, { id, runId });
  });
  return toSessionDto(await loadSession(id), 0);
}

/**
 * Sessions of an experiment, newest first, a page at a time. Developers and admins see all of
 * them; a reviewer only those assigned to them or open to all reviewers.
 */
export async function listLabelingSessions(
  actor: Actor,
  query: TExperimentListQuery,
): Promise<{ sessions: LabelingSessionDto[]; nextPageToken?: string }> {
  // Reviewers' list is filtered to their sessions below (empty for an experiment they have none in).
  if (roleAtLeast(actor.role, "DEVELOPER")) await getExperiment(actor, query.experimentId);
  const skip = decodePageToken(query.pageToken);
  const take = query.maxResults ?? 100;
  const visibility = roleAtLeast(actor.role, "DEVELOPER")
    ? {}
    : { OR: [{ openToAllReviewers: true }, { reviewers: { some: { userId: actor.userId } } }] };
  const rows = await db().labelingSession.findMany({
    where: { experimentId: query.experimentId, ...visibility },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip,
    take,
    include: { ...SESSION_INCLUDE, _count: { select: { items: true } } },
  });
  const sessions = rows.map((r) => toSessionDto(toLoadedSession(r), r._count.items));
  return { sessions, nextPageToken: nextPageToken(skip, take, rows.length) };
}

export async function getLabelingSession(actor: Actor, sessionId: string): Promise<LabelingSessionDto> {
  const session = await loadSessionForReviewer(actor, sessionId);
  return toSessionDto(session, await itemCount(sessionId));
}

/** Renames, re-assigns, changes the schemas or labels per item of a session (developers and admins). */
export async function updateLabelingSession(
  actor: Actor,
  sessionId: string,
  body: TUpdateLabelingSessionBody,
): Promise<LabelingSessionDto> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  const schemaIds = body.labelSchemas ? await resolveSchemas(session.experimentId, body.labelSchemas) : undefined;
  const userIds = body.assignedUsers ? await resolveUsers(body.assignedUsers) : undefined;
  if (schemaIds && (await db().labelingClaim.count({ where: { item: { sessionId }, status: "COMPLETED" } }))) {
    const current = session.schemas.map((s) => s.schemaId);
    if (JSON.stringify(current) !== JSON.stringify(schemaIds))
      throw new ValidationError(
        "The questions cannot change once reviewers have submitted answers; create a new session instead.",
        {
          issues: [{ path: "body.labelSchemas", message: "cannot change after the first answer is submitted" }],
        },
      );
  }
  await db().$transaction(async (tx) => {
    await tx.labelingSession.update({
      where: { id: sessionId },
      data: {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.labelsPerItem !== undefined ? { labelsPerItem: body.labelsPerItem } : {}),
        ...(body.openToAllReviewers !== undefined ? { openToAllReviewers: body.openToAllReviewers } : {}),
        ...(body.revealLabelsAfterSubmit !== undefined
          ? { revealLabelsAfterSubmit: body.revealLabelsAfterSubmit }
          : {}),
        ...(body.instructions !== undefined ? { instructions: body.instructions } : {}),
      },
    });
    if (schemaIds) {
      await tx.labelingSessionSchema.deleteMany({ where: { sessionId } });
      await tx.labelingSessionSchema.createMany({
        data: schemaIds.map((schemaId, position) => ({ sessionId, schemaId, position })),
      });
    }
    if (userIds) {
      await tx.labelingSessionReviewer.deleteMany({ where: { sessionId } });
      await tx.labelingSessionReviewer.createMany({ data: userIds.map((userId) => ({ sessionId, userId })) });
    }
  });
  forgetRecentSessions();
  return toSessionDto(await loadSession(sessionId), await itemCount(sessionId));
}

/**
 * Deletes a session with its items and claims, and its run (so trace links go too). The
 * assessments reviewers recorded stay on the traces: they are the product of the work.
 */
export async function deleteLabelingSession(actor: Actor, sessionId: string): Promise<{ deleted: true }> {
  requireRole(actor, "DEVELOPER");
  const session = await loadSession(sessionId);
  await db().run.delete({ where: { id: session.runId } });
  forgetRecentSessions();
  await recordAuditEvent({
    actor,
    action: "labeling_session.deleted",
    target: { type: "labeling_session", id: sessionId },
    details: { name: session.name, experimentId: session.experimentId },
  });
  return { deleted: true };
}
