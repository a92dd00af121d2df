// npm run worker: a process that only runs background jobs (evaluation runs, monitoring, backfills,
// claim expiry), the same job code a server runs. For deployments that keep jobs off the web
// servers (JOBS_WORKER=0 there), and for the tests that kill a worker mid-run.
import { resolveAuthSecret } from "../lib/bootstrap/secret";
import { checkDatabaseReachable } from "../lib/bootstrap/check-database";
import { ownerOnlyUmask } from "../lib/bootstrap/permissions";
import { ConfigError, readDbConfig } from "../lib/db/config";
import { startBackgroundWork, stopBackgroundWork } from "../lib/bootstrap/worker";

async function main() {
  ownerOnlyUmask();
  const config = readDbConfig();
  // Job payloads carry secrets encrypted with the server secret: the worker needs the same one.
  process.env.NEXTAUTH_SECRET = resolveAuthSecret(config);
  await checkDatabaseReachable(config);
  process.env.JOBS_WORKER = "1";
  await startBackgroundWork();
  console.log(`tracelight: job worker running (pid ${process.pid})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      void stopBackgroundWork().finally(() => process.exit(0));
    });
}

main().catch((err) => {
  console.error(
    `tracelight: ${err instanceof ConfigError ? err.message : `worker stopped: ${(err as Error).message}`}`,
  );
  process.exit(1);
});
