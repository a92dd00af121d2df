// Points the app's own db() at this run's fresh database before any test module uses it.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// Secrets at rest are encrypted with a key derived from the server secret (lib/security/secrets.ts).
process.env.NEXTAUTH_SECRET ||= "tracelight-test-server-secret-0123456789";
