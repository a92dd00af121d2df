/**
 * The REAL MLflow Python client for e2e specs: MLFLOW_PYTHON (default /usr/bin/python3) with
 * MLFLOW_CLIENT_SITE on PYTHONPATH (default ~/.cache/tracelight-mlflow-client/site, built as
 * /work/shared/tools/mlflow-python-client says). CI cannot build it: specs skip, naming why.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

export const PY = process.env.MLFLOW_PYTHON ?? "/usr/bin/python3";
export const SITE = process.env.MLFLOW_CLIENT_SITE ?? path.join(os.homedir(), ".cache/tracelight-mlflow-client/site");
export const SCRIPTS = path.resolve("e2e/ui/mlflow-python");

/** Why the real client can't run here, or null when it can. */
export function clientMissing(): string | null {
  const r = spawnSync(PY, ["-c", "import mlflow, mlflow.genai"], {
    env: { ...process.env, PYTHONNOUSERSITE: "1", PYTHONPATH: SITE },
    encoding: "utf8",
  });
  if (r.error) return `${PY} cannot run: ${r.error.message}`;
  return r.status === 0
    ? null
    : `the real MLflow client is not importable from ${SITE}: ${r.stderr.trim().split("\n").pop()}`;
}

/** Runs a script of e2e/ui/mlflow-python with the real client; its exit status and output. */
export function runMlflowPython(script: string, env: Record<string, string>) {
  return spawnSync(PY, [path.join(SCRIPTS, script)], {
    encoding: "utf8",
    timeout: 180_000,
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: os.tmpdir(),
      PYTHONNOUSERSITE: "1",
      PYTHONPATH: SITE,
      MLFLOW_DISABLE_TELEMETRY: "true",
      ...env,
    },
  });
}
