import "server-only";
/**
 * "Allowed internal hosts": the admin's explicit exceptions to the server-side request guard
 * (./url-guard.ts), e.g. a local model server on 127.0.0.1 or a judge on the office network.
 * Stored as one AppSetting row (a JSON array), so both databases keep it without a new table.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { TAllowedHostsBody } from "./schemas";
import { checkUrl, normaliseAllowEntry, type NetworkPolicy, type VettedUrl } from "./url-guard";

const KEY = "security.allowed_internal_hosts";

export interface AllowedHostsDto {
  hosts: string[];
}

function parseStored(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const v = JSON.parse(value);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** The policy every guarded fetch uses (no actor: read by the runner and the API edge alike). */
export async function loadNetworkPolicy(): Promise<NetworkPolicy> {
  const row = await db().appSetting.findUnique({ where: { key: KEY } });
  return { allowed: parseStored(row?.value) };
}

export async function getAllowedHosts(actor: Actor): Promise<AllowedHostsDto> {
  requireRole(actor, "ADMIN");
  return { hosts: [...(await loadNetworkPolicy()).allowed] };
}

/**
 * The one place allow-list changes are recorded. The audit log (lib/audit) lands on another
 * branch; until it is merged this writes a server log line with who/what/when.
 */
async function recordAllowListChange(actor: Actor, before: string[], after: string[]): Promise<void> {
  const added = after.filter((h) => !before.includes(h));
  const removed = before.filter((h) => !after.includes(h));
  console.info(
    `tracelight audit: ${new Date().toISOString()} ${actor.email} changed allowed internal hosts` +
      ` (added: ${added.join(", ") || "-"}; removed: ${removed.join(", ") || "-"})`,
  );
  await recordAuditEvent({
    actor,
    action: "allowed_hosts.changed",
    target: { type: "setting", id: "network.allowed_hosts" },
    details: { added, removed },
  });
}

/** Replaces the list (admins). Entries are normalised and de-duplicated; a bad entry is a 400 naming it. */
export async function setAllowedHosts(actor: Actor, body: TAllowedHostsBody): Promise<AllowedHostsDto> {
  requireRole(actor, "ADMIN");
  const hosts = [...new Set(body.hosts.map(normaliseAllowEntry))];
  const before = (await loadNetworkPolicy()).allowed;
  const value = JSON.stringify(hosts);
  await db().appSetting.upsert({ where: { key: KEY }, update: { value }, create: { key: KEY, value } });
  await recordAllowListChange(actor, [...before], hosts);
  return { hosts };
}

/**
 * Validation at the API edge: a URL the guard would refuse is a 400 naming `field` and the
 * setting that allows it, when it is saved rather than on every row of a run.
 */
export async function assertFetchableUrl(url: string, field: string): Promise<VettedUrl> {
  return checkUrl(url, field, await loadNetworkPolicy());
}
