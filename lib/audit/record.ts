import "server-only";
import { db, type Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { AuditOutcome } from "./schemas";

/**
 * Who acted, as the audit log needs it. Structurally an Actor (lib/auth/actor.ts): declared here
 * so auth can record its own events (failed sign-ins, locks) without the two folders depending
 * on each other.
 */
export interface AuditActor {
  userId: string;
  email: string;
  name?: string;
  role?: string;
  via: "session" | "apiKey" | "system";
  apiKeyId?: string;
  clientAddress?: string;
}

/** A Prisma client or the transaction client handed to `$transaction(async (tx) => ...)`. */
type DbOrTx = Pick<Db, "auditEvent">;

export interface AuditInput {
  /** The acting user; omit for anonymous attempts (then give `email` and `clientAddress`). */
  actor?: AuditActor | null;
  /** For anonymous attempts: the email that was tried. */
  email?: string | null;
  clientAddress?: string | null;
  action: string;
  outcome?: AuditOutcome;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

/**
 * An id that sorts in recording order: the list orders by time, then id, and two events of one
 * action often share a millisecond (a key created and revoked at once). The time, a counter
 * within the millisecond (this process), then randomness; 32 characters of [0-9a-z].
 */
let lastMs = 0;
let inMs = 0;
function auditId(at: Date): string {
  const ms = at.getTime();
  inMs = ms === lastMs ? inMs + 1 : 0;
  lastMs = ms;
  return `${ms.toString(36).padStart(9, "0")}${inMs.toString(36).padStart(4, "0")}${newId().slice(0, 19)}`;
}

function toRow(e: AuditInput) {
  const actor = e.actor && e.actor.via !== "system" ? e.actor : null;
  const at = new Date();
  return {
    id: auditId(at),
    at,
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
