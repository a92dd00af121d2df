import type { Role } from "./roles";

/** Who is acting: the signed-in user or the owner of an API key. Services take one explicitly. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "apiKey" | "system";
  /** The API key the request came with (for the audit log). */
  apiKeyId?: string;
  /** Where the request came from (see lib/auth/client-address.ts), for the audit log. */
  clientAddress?: string;
}

/** The actor for work the app does on its own behalf (start-up, demo data, CLI). */
export const SYSTEM_ACTOR: Actor = {
  userId: "system",
  email: "system@tracelight.local",
  name: "Tracelight",
  role: "ADMIN",
  via: "system",
};
