/**
 * The real MLflow tracking server (`mlflow server`, its default uvicorn runner with 4 workers) on a
 * scratch backend store, as setup-mlflow-server.sh prepares it: start, health wait, stop, and how
 * many spans its store holds.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DbConfig } from "../../lib/db/config";

const SITE = process.env.MLFLOW_SITE ?? "/root/.cache/tracelight-mlflow-client/site";
const PYTHON = process.env.MLFLOW_PYTHON ?? "/usr/bin/python3";

const mlflowEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PYTHONPATH: SITE,
  // huey (MLflow's background job runner for online scoring and judges) is not installable here;
  // without this MLflow respawns a failing job consumer in a loop. Trace ingestion never uses it.
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION: "false",
  // No network here: the telemetry uploader could only retry in the background.
  MLFLOW_DISABLE_TELEMETRY: "true",
});

/** Why the MLflow server cannot run here, or null when its app imports (as its workers do). */
export function mlflowUnavailable(): string | null {
  const probe = spawnSync(
    PYTHON,
    ["-c", "import uvicorn, psycopg2, mlflow.server.fastapi_app; print(__import__('mlflow').__version__)"],
    { cwd: "/tmp", env: mlflowEnv(), encoding: "utf8" },
  );
  if (probe.error) return `${PYTHON}: ${probe.error.message}`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split("\n").pop();
    return `MLflow server app does not import with PYTHONPATH=${SITE} (${last}); run bench/mlflow-compare/setup-mlflow-server.sh`;
  }
  return null;
}

/** The MLflow version the probe would report (for the printed header). */
export function mlflowVersion(): string {
  return spawnSync(PYTHON, ["-c", "import mlflow; print(mlflow.__version__)"], {
    cwd: "/tmp",
    env: mlflowEnv(),
    encoding: "utf8",
  }).stdout.trim();
}

/** MLflow's backend-store URI for the same kind of database Tracelight gets. */
export function backendStoreUri(config: DbConfig): string {
  return config.provider === "postgresql" ? config.url : `sqlite:///${config.file}`;
}

/**
 * `mlflow server` in its own process group (the CLI, uvicorn and its workers stop together); cwd
 * holds its mlartifacts/ and mlflow.log (its default per-request access log is part of its cost).
 */
export function startMlflow(config: DbConfig, cwd: string, port: number): ChildProcess {
  const log = fs.openSync(path.join(cwd, "mlflow.log"), "a");
  return spawn(
    PYTHON,
    [
      "-m",
      "mlflow",
      "server",
      "--backend-store-uri",
      backendStoreUri(config),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    { cwd, detached: true, stdio: ["ignore", log, log], env: mlflowEnv() },
  );
}

/** Its default worker count (`mlflow server` passes `--workers 4` to uvicorn). */
const WORKERS = 4;

/**
 * Healthy and all workers up: /health answers as soon as the first worker has imported MLflow
 * (~10 s each on 2 cores), and a worker still importing would eat the timed phase's CPU.
 */
export async function waitForMlflow(
  base: string,
  server: ChildProcess,
  log: string,
  timeoutMs = 180_000,
): Promise<void> {
  const start = Date.now();
  const workersUp = () => fs.readFileSync(log, "utf8").split("Application startup complete").length - 1;
  while (Date.now() - start < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`mlflow server exited with ${server.exitCode}`);
    const healthy = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy && workersUp() >= WORKERS) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("mlflow server did not become healthy with all its workers");
}

/** SIGTERM to the group (MLflow forwards it to uvicorn, which drains); SIGKILL what is left after 15 s. */
export async function stopMlflow(server: ChildProcess): Promise<void> {
  const pgid = server.pid;
  if (!pgid) return;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-pgid, "SIGTERM");
  for (let i = 0; i < 30 && alive(); i++) await new Promise((r) => setTimeout(r, 500));
  if (alive()) process.kill(-pgid, "SIGKILL");
}

/** Spans in MLflow's store (its `spans` table), read straight from its database. */
export async function mlflowSpanCount(config: DbConfig): Promise<number> {
  if (config.provider === "sqlite") {
    const db = new Database(config.file!, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM spans").get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM spans")).rows[0]!.n);
  } finally {
    await client.end();
  }
}
