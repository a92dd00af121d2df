/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */
import type { Role } from "@/lib/auth/roles";

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  /** Locked after too many failed sign-ins until then (admins see it in the users list). */
  lockedUntil?: string | null;
}
