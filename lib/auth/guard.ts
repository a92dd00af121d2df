import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "./actor";
import { ROLE_LABELS, roleAtLeast, type Role } from "./roles";

/** Throws ForbiddenError unless the actor's role is at least `needed`. */
export function requireRole(actor: Actor, needed: Role): void {
  if (!roleAtLeast(actor.role, needed)) {
    throw new ForbiddenError(`This needs the ${ROLE_LABELS[needed]} role; you are ${ROLE_LABELS[actor.role]}`);
  }
}
