/**
 * The single place the network half's security events are recorded: allow-list changes, refused
 * cross-site requests and refused server-side URLs. Each is a server log line and an audit log
 * entry (lib/audit/record.ts, which never throws into the caller's flow).
 */
import { recordAuditEvent } from "@/lib/audit/record";

export type SecurityAction = "allowed_hosts.changed" | "request.cross_site_refused" | "request.url_refused";

export interface SecurityEvent {
  action: SecurityAction;
  /** The acting user (an Actor); structural so this low layer needs nothing from lib/auth. */
  actor?: { userId: string; email: string; via: "session" | "apiKey" | "system"; apiKeyId?: string } | null;
  outcome?: "SUCCESS" | "DENIED";
  clientAddress?: string | null;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

export function recordSecurityEvent(e: SecurityEvent): void {
  const who = e.actor ? `${e.actor.email} (${e.actor.via})` : "anonymous";
  const from = e.clientAddress ? ` from ${e.clientAddress}` : "";
  console.info(
    `tracelight audit: ${new Date().toISOString()} ${e.action} ${e.outcome ?? "SUCCESS"} by ${who}${from}` +
      `${e.target ? ` on ${e.target.type} ${e.target.id}` : ""} ${JSON.stringify(e.details ?? {})}`,
  );
  void recordAuditEvent({
    actor: e.actor ?? null,
    clientAddress: e.clientAddress ?? null,
    action: e.action,
    outcome: e.outcome ?? "SUCCESS",
    target: e.target,
    details: e.details,
  });
}
