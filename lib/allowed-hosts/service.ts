import "server-only";
/**
 * "Allowed internal hosts": the admin's explicit exceptions to the server-side request guard
 * (lib/security/url-guard.ts), e.g. a local model server on 127.0.0.1 or a judge on the office network.
 * Stored as one AppSetting row (a JSON array), so both databases keep it without a new table.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import type { TAllowedHostsBody } from "./schemas";
import { recordSecurityEvent } from "@/lib/security/events";
import {
  BlockedUrlError,
  checkUrl,
  normaliseAllowEntry,
  type NetworkPolicy,
  type VettedUrl,
} from "@/lib/security/url-guard";
import type { AllowedHostsDto } from "./types";
export type { AllowedHostsDto } from "./types";

const KEY = "security.allowed_internal_hosts";

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

/** Replaces the list (admins). Entries are normalised and de-duplicated; a bad entry is a 400 naming it. */
export async function setAllowedHosts(actor: Actor, body: TAllowedHostsBody): Promise<AllowedHostsDto> {
  requireRole(actor, "ADMIN");
  const hosts = [...new Set(body.hosts.map(normaliseAllowEntry))];
  const before = (await loadNetworkPolicy()).allowed;
  const value = JSON.stringify(hosts);
  await db().appSetting.upsert({ where: { key: KEY }, update: { value }, create: { key: KEY, value } });
  recordSecurityEvent({
    action: "allowed_hosts.changed",
    actor,
    target: { type: "setting", id: KEY },
    details: {
      added: hosts.filter((h) => !before.includes(h)),
      removed: before.filter((h) => !hosts.includes(h)),
      hosts,
    },
  });
  return { hosts };
}

/**
 * Validation at the API edge: a URL the guard would refuse is a 400 naming `field` and the
 * setting that allows it, when it is saved rather than on every row of a run.
 */
export async function assertFetchableUrl(url: string, field: string, actor?: Actor): Promise<VettedUrl> {
  try {
    return await checkUrl(url, field, await loadNetworkPolicy());
  } catch (e) {
    if (e instanceof BlockedUrlError)
      recordSecurityEvent({ action: "request.url_refused", outcome: "DENIED", actor, details: { field, url } });
    throw e;
  }
}
