// npm start (and `npm run dev`, with --dev): prepares everything in a child process
// (scripts/start-prepare.ts: configuration, build, migrations, first admin, demo data), then
// serves with the command line it hands back, and stays as the server's parent for as long as
// it serves. Plain JavaScript on purpose: this process lives as long as the server, and
// TypeScript's loader alone would keep ~35 MB resident in it (docs/benchmarks.md, Memory).
import { spawn, spawnSync } from "node:child_process";

// Everything the server writes (database, secret, artifacts) is readable by its owner only
// (lib/bootstrap/permissions.ts); children inherit the umask.
process.umask(0o077);

const prepare = spawnSync(
  process.execPath,
  ["--import", "tsx", "--conditions=react-server", "scripts/start-prepare.ts", ...process.argv.slice(2)],
  { stdio: ["inherit", "inherit", "inherit", "pipe"], maxBuffer: 1024 * 1024 },
);
// The preparer has printed its own one-line reason.
if (prepare.status !== 0) process.exit(prepare.status ?? 1);
/** @type {import("./start-prepare").ServerPlan} */
const plan = JSON.parse(String(prepare.output[3]));

const server = spawn(plan.command, plan.args, { stdio: "inherit", env: { ...process.env, ...plan.env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
