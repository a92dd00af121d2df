import "server-only";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { roleAtLeast } from "@/lib/auth/roles";
import { toDefinition, toLabelSchemaDto, type LabelSchemaDto } from "@/lib/labeling/label-schemas/service";
import type { TLabelSchemaDefinition } from "@/lib/labeling/schemas";
import { recentSessions } from "@/lib/labeling/session-cache/recent";

/** What every labeling service needs of a session: its schemas in order and its reviewers. */
export const SESSION_INCLUDE = {
  schemas: {
    include: { schema: { include: { _count: { select: { sessions: true } } } } },
    orderBy: [{ position: "asc" as const }, { schemaId: "asc" as const }],
  },
  reviewers: { include: { user: { select: { id: true, email: true, name: true } } } },
};

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;
const findSession = (sessionId: string) =>
  db().labelingSession.findUnique({ where: { id: sessionId }, include: SESSION_INCLUDE });

/** Adds the schemas as DTOs and validation definitions to a row loaded with SESSION_INCLUDE. */
export function toLoadedSession<R extends SessionRow>(row: R) {
  const schemas: LabelSchemaDto[] = row.schemas.map((s) => toLabelSchemaDto(s.schema));
  return { ...row, schemaDtos: schemas, definitions: schemas.map(toDefinition) as TLabelSchemaDefinition[] };
}

export async function loadSession(sessionId: string) {
  const row = await findSession(sessionId);
  if (!row) throw new NotFoundError(`Labeling session '${sessionId}' does not exist`);
  return toLoadedSession(row);
}
export type LoadedSession = Awaited<ReturnType<typeof loadSession>>;

/**
 * Who may work a session's queue: developers and admins (they manage sessions anyway), and
 * reviewers assigned to it or any reviewer when the session is open to all.
 */
export function canReview(actor: Actor, session: Pick<LoadedSession, "openToAllReviewers" | "reviewers">): boolean {
  if (roleAtLeast(actor.role, "DEVELOPER")) return true;
  return session.openToAllReviewers || session.reviewers.some((r) => r.userId === actor.userId);
}

/**
 * The session if the actor may review it. Sessions a reviewer may not see answer 404, not 403,
 * so their existence (and names) does not leak to people outside them. The result is shared
 * between requests for a moment (lib/labeling/session-cache/recent.ts): callers must not change it.
 */
export async function loadSessionForReviewer(actor: Actor, sessionId: string): Promise<LoadedSession> {
  const recent = recentSessions<LoadedSession>().get(sessionId);
  if (recent && canReview(actor, recent)) return recent;
  const session = await loadSession(sessionId);
  if (!canReview(actor, session)) throw new NotFoundError(`Labeling session '${sessionId}' does not exist`);
  recentSessions().set(sessionId, session);
  return session;
}
