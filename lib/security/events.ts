/**
 * The single place this branch's security events are recorded: allow-list changes, refused
 * cross-site requests and refused server-side URLs. The audit log (lib/audit, from the
 * "accounts" work) was not merged here yet; until it is, each event is one server log line with
 * who, what, when and from where. Once it is, this body becomes
 * `recordAuditEvent({ actor, email, clientAddress, action, outcome, target, details })`.
 */

export type SecurityAction = "allowed_hosts.changed" | "request.cross_site_refused" | "request.url_refused";

export interface SecurityEvent {
  action: SecurityAction;
  /** The acting user (an Actor); structural so this low layer needs nothing from lib/auth. */
  actor?: { email: string; via: string } | null;
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
}

/** The client address as the server saw it (the socket address header that `npm start` sets, else the proxy's). */
export function requestAddress(headers: Headers): string | null {
  return headers.get("x-tracelight-client-address") ?? headers.get("x-forwarded-for")?.split(",").pop()?.trim() ?? null;
}
