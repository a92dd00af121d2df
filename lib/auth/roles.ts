import { z } from "zod";

/** Roles in increasing power: each role may do everything the ones before it may. */
export const ROLES = ["REVIEWER", "DEVELOPER", "ADMIN"] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  DEVELOPER: "Developer",
  REVIEWER: "Reviewer",
};
