import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "./actor";
import { authenticateApiKey, loadActor } from "./credentials";
import { authOptions } from "./next-auth";
import { roleAtLeast, type Role } from "./roles";

/** The signed-in user of the current request, or null. */
export async function getSessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? loadActor(id, "session") : null;
}

/**
 * For pages: the signed-in actor with at least `role`. Sends anonymous visitors to the sign-in
 * page (coming back afterwards); for lower roles it throws ForbiddenError, which the nearest
 * error boundary renders.
 */
export async function requirePageActor(role: Role, returnTo = "/"): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roleAtLeast(actor.role, role)) throw new ForbiddenError();
  return actor;
}

/**
 * For API requests: an API key as `Authorization: Bearer <key>`, or as the password of HTTP
 * Basic (what MLflow clients send with MLFLOW_TRACKING_USERNAME/PASSWORD), else the session.
 */
export async function actorFromRequest(headers: Headers): Promise<Actor | null> {
  const auth = headers.get("authorization");
  if (auth) {
    const [scheme, value = ""] = auth.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme!)) return authenticateApiKey(value.trim());
    if (/^basic$/i.test(scheme!)) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      return authenticateApiKey(decoded.slice(decoded.indexOf(":") + 1));
    }
    return null;
  }
  return getSessionActor();
}
