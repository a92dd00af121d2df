import "server-only";
import { getServerSession } from "next-auth";
import { headers as requestHeaders } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { ForbiddenError, TooManyRequestsError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { authenticateApiKey, hashApiKey, loadActor } from "./credentials";
import type { Actor } from "./actor";
import { clientAddress } from "./client-address";
import { authOptions } from "./next-auth";
import { recentMap } from "./recent";
import { roleAtLeast, type Role } from "./roles";
import { formatUntil, lockState, recordFailure, sleep } from "./throttle";

// Valid credentials seen in the last moment (./recent.ts): by user id and session version, by key hash.
const recentSessionActors = recentMap<Actor>("sessionActors");
const recentKeyActors = recentMap<Actor>("apiKeyActors");

/** The signed-in user of the current request, or null (also for a revoked session). */
export async function getSessionActor(address?: string): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sv?: number } | undefined;
  if (!user?.id) return null;
  // Tokens from before session versions existed carry none: they count as version 0.
  const sessionVersion = user.sv ?? 0;
  const recentKey = `${user.id}:${sessionVersion}`;
  let actor = recentSessionActors.get(recentKey) ?? null;
  if (!actor) {
    actor = await loadActor(user.id, "session", { sessionVersion });
    if (actor) recentSessionActors.set(recentKey, actor);
  }
  return actor && address ? { ...actor, clientAddress: address } : actor;
}

/**
 * The session's actor, read once per page request: a screen's guard layout (which decides 404/403
 * before anything streams) and its page both ask, and React's request cache answers the second.
 */
const pageSessionActor = cache((address: string) => getSessionActor(address));

/**
 * For pages: the signed-in actor with at least `role`. Sends anonymous visitors to the sign-in
 * page (coming back afterwards); for lower roles it throws ForbiddenError, which the nearest
 * error boundary renders.
 */
export async function requirePageActor(role: Role, returnTo = "/"): Promise<Actor> {
  const actor = await pageSessionActor(clientAddress(await requestHeaders()));
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roleAtLeast(actor.role, role)) throw new ForbiddenError();
  return actor;
}

/**
 * An API key's actor; unknown or revoked keys count as failures of the client address, which is
 * slowed and then locked (429) after too many, so keys cannot be guessed at speed.
 */
async function apiKeyActor(key: string, address: string): Promise<Actor | null> {
  const lock = await lockState("apiKeyAddress", address);
  if (lock.locked)
    throw new TooManyRequestsError(
      `Too many requests with unknown or revoked API keys from your address: locked ${formatUntil(lock.until)}`,
    );
  const hash = hashApiKey(key);
  let actor = recentKeyActors.get(hash) ?? null;
  if (!actor) {
    actor = await authenticateApiKey(key);
    if (actor) recentKeyActors.set(hash, actor);
  }
  if (actor) return { ...actor, clientAddress: address };
  const r = await recordFailure("apiKeyAddress", address);
  console.warn(`tracelight: unknown or revoked API key from ${address} (${r.failures} failures)`);
  await recordAuditEvent({
    clientAddress: address,
    action: "auth.api_key_rejected",
    outcome: "FAILURE",
    details: { prefix: key.slice(0, 10), failures: r.failures },
  });
  if (r.justLocked)
    await recordAuditEvent({
      clientAddress: address,
      action: "auth.locked",
      outcome: "DENIED",
      target: { type: "address", id: address },
      details: { kind: "api_key", failures: r.failures, until: r.until?.toISOString() },
    });
  if (r.delayMs) await sleep(r.delayMs);
  return null;
}

/**
 * For API requests: an API key as `Authorization: Bearer <key>`, or as the password of HTTP
 * Basic (what MLflow clients send with MLFLOW_TRACKING_USERNAME/PASSWORD), else the session.
 */
export async function actorFromRequest(headers: Headers): Promise<Actor | null> {
  const address = clientAddress(headers);
  const auth = headers.get("authorization");
  if (auth) {
    const [scheme, value = ""] = auth.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme!)) return apiKeyActor(value.trim(), address);
    if (/^basic$/i.test(scheme!)) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      return apiKeyActor(decoded.slice(decoded.indexOf(":") + 1), address);
    }
    return null;
  }
  return getSessionActor(address);
}
