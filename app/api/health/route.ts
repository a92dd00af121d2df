// GET /api/health: liveness and database reachability, for load balancers and the start script.
import { route } from "@/lib/http/route";
import { db } from "@/lib/db/client";

export const GET = route({ role: "PUBLIC" }, async () => {
  await db().$queryRawUnsafe("SELECT 1");
  return { status: "ok" };
});
