import { z } from "zod";
import { ZPageQuery } from "@/lib/paging/schemas";

export const AUDIT_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const;
export const ZAuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof ZAuditOutcome>;

/** The actions the app records, so the Settings filter can offer them. */
export const AUDIT_ACTIONS = [
  "auth.signed_in",
  "auth.sign_in_failed",
  "auth.sign_in_refused_locked",
  "auth.sign_in_throttled",
  "auth.locked",
  "auth.unlocked",
  "auth.signed_out",
  "auth.api_key_rejected",
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "api_key.created",
  "api_key.revoked",
  "invitation.created",
  "invitation.accepted",
  "invitation.rejected",
  "judge_settings.changed",
  "allowed_hosts.changed",
  "request.cross_site_refused",
  "request.url_refused",
  "trace.deleted",
  "labeling_session.deleted",
  "dataset.deleted",
] as const;

export const ZListAuditEventsQuery = ZPageQuery.extend({
  /** Exact action, or a prefix ending in "." (e.g. "auth."). */
  action: z.string().trim().max(100).optional(),
  /** Email or user id of the actor (for anonymous attempts: the email tried). */
  actor: z.string().trim().max(320).optional(),
  outcome: ZAuditOutcome.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type TListAuditEventsQuery = z.infer<typeof ZListAuditEventsQuery>;

export interface AuditEventDto {
  id: string;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorApiKeyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  clientAddress: string | null;
  details: Record<string, unknown>;
}
