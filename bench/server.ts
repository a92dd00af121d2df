/**
 * The app as users run it (`npm start`) for the benchmarks: a production server on a scratch
 * database in its own process group, an API key for its admin, and its stop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { SYSTEM_ACTOR } from "../lib/auth/actor";
import type { DbConfig } from "../lib/db/config";

export const BENCH_ADMIN = { email: "bench@bench.test", password: "bench-password-123" };

export async function waitForHealth(base: string, server: ChildProcess, timeoutMs = 900_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

export function startServer(config: DbConfig, dataDir: string, port: number): ChildProcess {
  // Its own process group, so the whole tree (tsx -> next) is stopped together at the end.
  return spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: config.provider === "postgresql" ? config.url : "",
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      DEMO_DATA: "0",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-bench",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-only-secret-not-for-production-use",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 1000));
}

/** An API key for the bench admin, made in-process against the server's database (DATABASE_URL). */
export async function benchApiKey(): Promise<string> {
  const { db } = await import("../lib/db/client");
  const { createApiKey } = await import("../lib/users/api-keys/service");
  const admin = await db().user.findUniqueOrThrow({ where: { email: BENCH_ADMIN.email } });
  return (await createApiKey(SYSTEM_ACTOR, "bench", admin.id)).key;
}

/** Creates an experiment through the MLflow API; returns its id. */
export async function benchExperiment(base: string, key: string, name: string): Promise<string> {
  const res = await fetch(`${base}/api/2.0/mlflow/experiments/create`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  return ((await res.json()) as { experiment_id: string }).experiment_id;
}
