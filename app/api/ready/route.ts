// GET /api/ready: readiness for a load balancer: the database answers and this server's job worker is healthy (503 otherwise).
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { jobWorkerHealth } from "@/lib/jobs/service";

export const GET = route({ role: "PUBLIC" }, async () => {
  let database: { ok: boolean; error?: string };
  try {
    await db().$queryRawUnsafe("SELECT 1");
    database = { ok: true };
  } catch (e) {
    database = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const jobs = await jobWorkerHealth();
  // A web-only server (JOBS_WORKER=0) is ready without a worker; otherwise the worker must run without error.
  const jobsOk = !jobs.error && (!jobs.enabled || jobs.running);
  const ready = database.ok && jobsOk;
  return Response.json(
    { status: ready ? "ready" : "not ready", database, jobs: { ok: jobsOk, ...jobs } },
    {
      status: ready ? 200 : 503,
    },
  );
});
