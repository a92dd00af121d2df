import "server-only";
import { db, type Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import type { AuditEventDto, AuditOutcome, TListAuditEventsQuery } from "./schemas";

/** A Prisma client or the transaction client handed to `$transaction(async (tx) => ...)`. */
type DbOrTx = Pick<Db, "auditEvent">;

export interface AuditInput {
  /** The acting user; omit for anonymous attempts (then give `email` and `clientAddress`). */
  actor?: Actor | null;
  /** For anonymous attempts: the email that was tried. */
  email?: string | null;
  clientAddress?: string | null;
  action: string;
  outcome?: AuditOutcome;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

function toRow(e: AuditInput) {
  const actor = e.actor && e.actor.via !== "system" ? e.actor : null;
  return {
    id: newId(),
    actorUserId: actor?.userId ?? (e.actor?.via === "system" ? "system" : null),
    actorEmail: actor?.email ?? e.email ?? null,
    actorApiKeyId: actor?.apiKeyId ?? null,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target?.id ?? null,
    outcome: e.outcome ?? "SUCCESS",
    clientAddress: e.clientAddress ?? actor?.clientAddress ?? null,
    details: JSON.stringify(e.details ?? {}),
  };
}

/**
 * Records one audit event. Pass `tx` when the action runs in a transaction so the event commits
 * (or rolls back) with it. Never throws: a failing audit write is logged and the caller's flow
 * goes on (inside a transaction a failed statement can still abort PostgreSQL's transaction, so
 * there the write is not caught, to keep the event and the change together).
 */
export async function recordAuditEvent(e: AuditInput, tx?: DbOrTx): Promise<void> {
  if (tx) {
    await tx.auditEvent.create({ data: toRow(e) });
    return;
  }
  try {
    await db().auditEvent.create({ data: toRow(e) });
  } catch (err) {
    console.error(`tracelight: could not record audit event ${e.action}: ${(err as Error).message}`);
  }
}

function toDto(r: {
  id: string;
  at: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorApiKeyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  clientAddress: string | null;
  details: string;
}): AuditEventDto {
  let details: Record<string, unknown> = {};
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = { raw: r.details };
  }
  return { ...r, at: r.at.toISOString(), outcome: r.outcome as AuditOutcome, details };
}

/** Audit events, newest first, filtered (admins only). */
export async function listAuditEvents(
  actor: Actor,
  q: TListAuditEventsQuery,
): Promise<{ events: AuditEventDto[]; total: number; page: number; pageSize: number }> {
  requireRole(actor, "ADMIN");
  const where = {
    ...(q.action ? { action: q.action.endsWith(".") ? { startsWith: q.action } : q.action } : {}),
    ...(q.actor ? { OR: [{ actorEmail: q.actor.toLowerCase() }, { actorUserId: q.actor }] } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.from || q.to
      ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    }),
    db().auditEvent.count({ where }),
  ]);
  return { events: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}
