// Points the app's own db() at this run's fresh database before any test module uses it.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// Secrets at rest are encrypted with a key derived from the server secret (lib/security/secrets.ts).
process.env.NEXTAUTH_SECRET ||= "tracelight-test-server-secret-0123456789";
// Each test file's job workers (in process, or spawned with this environment) take only its own
// jobs. Set anew for every file: a worker process vitest reuses keeps process.env from the last.
process.env.JOBS_NAMESPACE = `t${process.pid}${Math.random().toString(36).slice(2, 8)}`;
