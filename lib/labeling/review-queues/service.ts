import "server-only";
/**
 * MLflow's review queues (3.14+, docs/mlflow-labeling.md) over our labeling sessions: a queue
 * IS a labeling session. A CUSTOM queue is an ordinary session; a USER queue is a reviewer's
 * personal session, marked by a tag on the session's run and stored under an id derived from
 * (experiment, user), so concurrent get-or-create calls converge on one row (the primary key
 * decides the race). Items and their status live in lib/labeling/review-queues/items.ts.
 */
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import { getExperiment } from "@/lib/experiments/service";
import { decodePageToken, nextPageToken } from "@/lib/paging/page-token";
import { canReview, SESSION_INCLUDE } from "@/lib/labeling/sessions/access";
import { forgetRecentSessions } from "@/lib/labeling/session-cache/recent";
import {
  createLabelingSession,
  deleteLabelingSession,
  resolveSchemas,
  resolveUsers,
  updateLabelingSession,
} from "@/lib/labeling/sessions/service";

export type ReviewQueueType = "USER" | "CUSTOM";
/** MLflow caps a custom queue's assigned users (review_queues.proto). */
export const MAX_QUEUE_USERS = 10;
export const QUEUE_TYPE_TAG = "tracelight.reviewQueue.type";

export interface ReviewQueueDto {
  /** The labeling session's id. */
  id: string;
  experiment_id: string;
  name: string;
  queue_type: ReviewQueueType;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  /** Emails of the assigned reviewers. */
  users: string[];
  /** Our label schema ids, in the session's order. */
  schema_ids: string[];
  item_count: number;
  run_id: string;
}

const QUEUE_INCLUDE = {
  ...SESSION_INCLUDE,
  createdBy: { select: { email: true } },
  run: { select: { tags: { where: { key: QUEUE_TYPE_TAG }, select: { value: true } } } },
  _count: { select: { items: true } },
};
type QueueRow = NonNullable<Awaited<ReturnType<typeof findQueue>>>;
const findQueue = (id: string) => db().labelingSession.findUnique({ where: { id }, include: QUEUE_INCLUDE });

function toQueueDto(r: QueueRow): ReviewQueueDto {
  return {
    id: r.id,
    experiment_id: r.experimentId,
    name: r.name,
    queue_type: r.run.tags[0]?.value === "USER" ? "USER" : "CUSTOM",
    created_by: r.createdBy?.email ?? null,
    created_at: r.createdAt.getTime(),
    updated_at: r.updatedAt.getTime(),
    users: r.reviewers.map((x) => x.user.email).sort(),
    schema_ids: r.schemas.map((s) => s.schemaId),
    item_count: r._count.items,
    run_id: r.runId,
  };
}

/** The deterministic session id of a user's queue in an experiment. */
export function userQueueId(experimentId: string, userId: string): string {
  return `uq${createHash("sha256").update(`${experimentId}\0${userId}`).digest("hex").slice(0, 30)}`;
}

/** The queue if the actor may see it; 404 otherwise (as for sessions, existence does not leak). */
export async function getReviewQueue(actor: Actor, id: string): Promise<ReviewQueueDto> {
  const row = await findQueue(id);
  if (!row || !canReview(actor, row)) throw new NotFoundError(`Review queue '${id}' does not exist`);
  return toQueueDto(row);
}

/** Newest queue of that name in the experiment that the actor may see. */
export async function getReviewQueueByName(actor: Actor, experimentId: string, name: string): Promise<ReviewQueueDto> {
  await getExperiment(actor, experimentId);
  const rows = await db().labelingSession.findMany({
    where: { experimentId, name },
    orderBy: [{ createdAt: "desc" }],
    include: QUEUE_INCLUDE,
  });
  const row = rows.find((r) => canReview(actor, r));
  if (!row) throw new NotFoundError(`Review queue '${name}' does not exist in experiment '${experimentId}'`);
  return toQueueDto(row);
}

/** Our validation errors, re-labelled with the MLflow field they came from ("Invalid users: ..."). */
export async function asField<T>(field: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (!(err instanceof ValidationError) || err.message.startsWith("Invalid ")) throw err;
    throw new ValidationError(`Invalid ${field}: ${err.message}`, {
      issues: [{ path: `body.${field}`, message: err.message }],
    });
  }
}

function checkUserCount(users: string[]): void {
  if (users.length > MAX_QUEUE_USERS)
    throw new ValidationError(
      `Invalid users: a review queue has at most ${MAX_QUEUE_USERS} users, got ${users.length}`,
      {
        issues: [{ path: "body.users", message: `at most ${MAX_QUEUE_USERS} users` }],
      },
    );
}

/**
 * Creates a queue. CUSTOM: a session with the given users (≤ 10) and schemas; its name must be
 * new in the experiment and not the reserved `default`. USER: exactly one user, equal to the
 * name, no schemas (it gets all of the experiment's). Every check runs before anything is written.
 */
export async function createReviewQueue(
  actor: Actor,
  body: { experiment_id: string; name: string; queue_type: ReviewQueueType; users: string[]; schema_ids: string[] },
): Promise<ReviewQueueDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, body.experiment_id);
  if (body.queue_type === "USER") {
    if (body.users.length !== 1 || body.users[0] !== body.name)
      throw new ValidationError("Invalid users: a USER queue has exactly one user, equal to its name");
    if (body.schema_ids.length)
      throw new ValidationError("Invalid schema_ids: a USER queue takes no schema_ids (it asks every schema)");
    const [userId] = await asField("users", resolveUsers(body.users));
    const existing = await findQueue(userQueueId(body.experiment_id, userId!));
    if (existing) throw new ConflictError(`A review queue for user '${body.name}' already exists in this experiment`);
    return getOrCreateUserQueue(actor, body.experiment_id, body.name);
  }
  if (body.name.trim().toLowerCase() === "default")
    throw new ValidationError("Invalid name: 'default' is reserved for the default USER queue");
  checkUserCount(body.users);
  const taken = await db().labelingSession.findFirst({
    where: { experimentId: body.experiment_id, name: body.name },
    select: { id: true },
  });
  if (taken) throw new ConflictError(`A review queue named '${body.name}' already exists in this experiment`);
  await asField("users", resolveUsers(body.users));
  await asField("schema_ids", resolveSchemas(body.experiment_id, body.schema_ids));
  const session = await createLabelingSession(
    actor,
    {
      experimentId: body.experiment_id,
      name: body.name,
      labelSchemas: body.schema_ids,
      assignedUsers: body.users,
      labelsPerItem: 1,
      openToAllReviewers: false,
    },
    { runTags: [{ key: QUEUE_TYPE_TAG, value: "CUSTOM" }] },
  );
  return getReviewQueue(actor, session.id);
}

/**
 * A user's personal queue in the experiment, created on first use with all of the experiment's
 * schemas (and topped up with schemas added since). Reviewers may fetch their own; creating one,
 * or fetching someone else's, takes a developer.
 */
export async function getOrCreateUserQueue(actor: Actor, experimentId: string, user: string): Promise<ReviewQueueDto> {
  await getExperiment(actor, experimentId);
  const [userId] = await resolveUsers([user]).catch(() => {
    throw new ValidationError(`Invalid user: unknown or disabled user '${user}'`, {
      issues: [{ path: "body.user", message: "unknown user" }],
    });
  });
  if (userId !== actor.userId && !roleAtLeast(actor.role, "DEVELOPER"))
    throw new ForbiddenError("Only developers and admins can open another user's review queue");
  const id = userQueueId(experimentId, userId!);
  const schemas = await db().labelSchema.findMany({ where: { experimentId }, select: { id: true, name: true } });
  const existing = await findQueue(id);
  if (existing) {
    const missing = schemas.filter((s) => !existing.schemas.some((x) => x.schemaId === s.id));
    if (missing.length)
      await db().labelingSessionSchema.createMany({
        data: missing.map((s, i) => ({ sessionId: id, schemaId: s.id, position: existing.schemas.length + i })),
      });
    forgetRecentSessions();
    return getReviewQueue(actor, id);
  }
  requireRole(actor, "DEVELOPER");
  const email = (await db().user.findUniqueOrThrow({ where: { id: userId! }, select: { email: true } })).email;
  try {
    await createLabelingSession(
      actor,
      {
        experimentId,
        name: email,
        labelSchemas: schemas.map((s) => s.id),
        assignedUsers: [userId!],
        labelsPerItem: 1,
        openToAllReviewers: false,
      },
      { id, runTags: [{ key: QUEUE_TYPE_TAG, value: "USER" }] },
    );
  } catch (err) {
    // A concurrent call created it first: the primary key made us lose the race, which is fine.
    if (!isUniqueViolation(err)) throw err;
  }
  return getReviewQueue(actor, id);
}

/** Queues of an experiment, newest first; `user` keeps those assigned to that user, `item_id` those holding that trace. */
export async function listReviewQueues(
  actor: Actor,
  query: { experiment_id: string; user?: string; item_id?: string; max_results?: number; page_token?: string },
): Promise<{ queues: ReviewQueueDto[]; next_page_token?: string }> {
  await getExperiment(actor, query.experiment_id);
  const skip = decodePageToken(query.page_token);
  const take = query.max_results ?? 100;
  const visibility = roleAtLeast(actor.role, "DEVELOPER")
    ? {}
    : { OR: [{ openToAllReviewers: true }, { reviewers: { some: { userId: actor.userId } } }] };
  const user = query.user?.trim();
  const rows = await db().labelingSession.findMany({
    where: {
      experimentId: query.experiment_id,
      AND: [
        visibility,
        user
          ? { reviewers: { some: { user: { OR: [{ id: user }, { email: user.toLowerCase() }, { email: user }] } } } }
          : {},
        query.item_id ? { items: { some: { traceId: query.item_id } } } : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip,
    take,
    include: QUEUE_INCLUDE,
  });
  return { queues: rows.map(toQueueDto), next_page_token: nextPageToken(skip, take, rows.length) };
}

/**
 * Replaces a CUSTOM queue's users and/or schemas (each only when its `update_*` flag is set) and
 * renames it. USER queues refuse; schemas freeze once items are attached, as in MLflow.
 */
export async function updateReviewQueue(
  actor: Actor,
  id: string,
  body: { users?: string[]; schema_ids?: string[]; name?: string },
): Promise<ReviewQueueDto> {
  requireRole(actor, "DEVELOPER");
  const queue = await getReviewQueue(actor, id);
  if (queue.queue_type === "USER") throw new ValidationError("Invalid queue_id: a USER queue cannot be updated");
  if (body.users) checkUserCount(body.users);
  if (body.schema_ids) {
    if (queue.item_count > 0)
      throw new ValidationError("Invalid schema_ids: a queue's schemas are frozen once items are attached", {
        issues: [{ path: "body.schema_ids", message: "frozen: the queue has items" }],
      });
    await asField("schema_ids", resolveSchemas(queue.experiment_id, body.schema_ids));
  }
  if (body.users) await asField("users", resolveUsers(body.users));
  if (body.users || body.schema_ids || body.name !== undefined)
    await updateLabelingSession(actor, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.users ? { assignedUsers: body.users } : {}),
      ...(body.schema_ids ? { labelSchemas: body.schema_ids } : {}),
    });
  return getReviewQueue(actor, id);
}

/** Deletes a queue (its session and run); a missing one is a no-op. Assessments stay on the traces. */
export async function deleteReviewQueue(actor: Actor, id: string): Promise<void> {
  requireRole(actor, "DEVELOPER");
  const exists = await db().labelingSession.findUnique({ where: { id }, select: { id: true } });
  if (exists) await deleteLabelingSession(actor, id);
}
