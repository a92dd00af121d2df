import "server-only";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { pageWindow } from "@/lib/paging/schemas";
import type { AuditEventDto, AuditOutcome, TListAuditEventsQuery } from "./schemas";

export { recordAuditEvent, type AuditActor, type AuditInput } from "./record";

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
  actor: { role: string },
  q: TListAuditEventsQuery,
): Promise<{ events: AuditEventDto[]; total: number; page: number; pageSize: number }> {
  // The role check inline (not lib/auth/guard): lib/auth records events through ./record.
  if (actor.role !== "ADMIN") throw new ForbiddenError("This needs the Admin role");
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
      ...pageWindow(q),
    }),
    db().auditEvent.count({ where }),
  ]);
  return { events: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
}
