// Everything `npm start` does before serving, run by scripts/start.mjs as a child process that
// exits once done: checks the configuration, builds when the sources changed, migrates the
// database, creates the first admin (and demo data on a fresh install), then hands the server's
// command line and environment back on file descriptor 3. The long-lived parent (start.mjs)
// is plain JavaScript, so TypeScript's loader, Prisma's clients and the migrations' WASM schema
// engine never stay resident beside the server (docs/benchmarks.md, Memory).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveAuthSecret } from "../lib/bootstrap/secret";
import { prepareDatabase } from "../lib/bootstrap/prepare";
import { ownerOnlyUmask } from "../lib/bootstrap/permissions";
import { signInBanner, writeInitialPassword } from "../lib/bootstrap/sign-in-banner";
import { ConfigError, dataDir, readDbConfig, redactUrl } from "../lib/db/config";

const dev = process.argv.includes("--dev");
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = ["next.config.mjs", "package.json", "postcss.config.mjs", "proxy.ts", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  // A folder's own time changes when a file in it is added, removed or renamed.
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === "generated" || child === "node_modules" || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

// Written after `next build` succeeds: an interrupted build leaves BUILD_ID beside missing files.
const BUILD_MARKER = path.join(process.env.NEXT_DIST_DIR || ".next", "tracelight-build-complete");

/** A production build is reused until a source file is newer than it. */
function needsBuild(): boolean {
  if (!fs.existsSync(BUILD_MARKER)) return true;
  const built = fs.statSync(BUILD_MARKER).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].some((e) => newestMtime(e) > built);
}

function parsePort(): number {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`PORT must be a number from 1 to 65535 (got '${process.env.PORT}')`);
  return port;
}

/** What start.mjs runs once this process has exited. */
export interface ServerPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
}

async function main() {
  // Everything the server writes (database, secret, artifacts) is readable by its owner only.
  ownerOnlyUmask();
  const db = readDbConfig();
  const port = parsePort();
  const secret = resolveAuthSecret(db);
  console.log(`tracelight: database ${db.provider === "sqlite" ? db.file : redactUrl(db.url)}`);
  const prepared = await prepareDatabase(db, { demoData: process.env.DEMO_DATA !== "0" });
  if (prepared.appliedMigrations.length)
    console.log(`tracelight: applied migrations ${prepared.appliedMigrations.join(", ")}`);
  // The first admin's generated password: printed now, written to a file the log names (the
  // build's output would scroll it away), and printed again in the "serving on" block.
  let signInBox: string[] = [];
  if (prepared.admin) {
    console.log(`tracelight: created the first admin ${prepared.admin.email}`);
    if (prepared.admin.password) {
      const file = writeInitialPassword(dataDir(), prepared.admin.email, prepared.admin.password);
      signInBox = signInBanner(prepared.admin.email, prepared.admin.password, file);
      for (const line of signInBox) console.log(line);
    }
  }
  if (prepared.demoExperimentId)
    console.log(`tracelight: loaded the demo experiment (id ${prepared.demoExperimentId})`);

  // What the server's environment adds to the one start.mjs was started with.
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // next-auth needs an address; links the app hands out (lib/http/public-url.ts) ignore this
    // made-up one and follow the address the app is opened on, unless APP_URL is set.
    ...(process.env.NEXTAUTH_URL ? {} : { TRACELIGHT_NEXTAUTH_URL_DEFAULTED: "1" }),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = path.join("node_modules", ".bin", "next");
  if (!dev && needsBuild()) {
    console.log("tracelight: building the app (first start or changed sources)…");
    const build = spawnSync(next, ["build"], {
      stdio: "inherit",
      env: { ...process.env, ...env, NODE_ENV: "production" },
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
    fs.writeFileSync(BUILD_MARKER, new Date().toISOString());
  }
  // Idle keep-alive connections stay open 65 s, not Node's 5: a client (a reverse proxy, a
  // load balancer with a 60 s idle timeout, an SDK's connection pool) that reuses a connection
  // just as the server closes it gets ECONNRESET, and a proxy answers 502. With the server
  // waiting longer than its clients, they close first.
  const args = dev ? ["dev", "-p", String(port)] : ["start", "-p", String(port), "--keepAliveTimeout", "65000"];
  if (process.env.HOSTNAME_BIND) args.push("-H", process.env.HOSTNAME_BIND);
  const publicUrl = process.env.APP_URL || process.env.NEXTAUTH_URL;
  console.log(
    publicUrl
      ? `tracelight: serving on ${env.NEXTAUTH_URL} (links point to ${publicUrl})`
      : `tracelight: serving on ${env.NEXTAUTH_URL} (links follow the address you open it on; set APP_URL to fix one)`,
  );
  for (const line of signInBox) console.log(line);
  // The preload stamps each request with its socket address (see lib/auth/client-address.ts).
  const preload = `--require ${JSON.stringify(path.resolve("scripts/client-address-preload.cjs"))}`;
  const nodeOptions = [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" ");
  // Memory flags of the production server (docs/benchmarks.md, Memory: idle RSS of the tree):
  // - The only WebAssembly it runs is Prisma's query compiler; with V8's optimising tier
  //   (TurboFan) for it the server holds ~70 MB more. Liftoff's baseline code is enough for
  //   compiling queries, which Prisma caches by shape. On the command line: NODE_OPTIONS does not
  //   accept V8's WebAssembly flags.
  // - A 4 MB young generation (semi-space) instead of V8's 16 MB: ~20 MB less at idle, at the
  //   price of more frequent (small) scavenges.
  // TRACELIGHT_SERVER_FLAGS replaces them (say, "" on a machine where memory is plentiful).
  const serverFlags =
    process.env.TRACELIGHT_SERVER_FLAGS !== undefined
      ? process.env.TRACELIGHT_SERVER_FLAGS.split(/\s+/).filter(Boolean)
      : ["--liftoff-only", "--max-semi-space-size=4"];
  const plan: ServerPlan = dev
    ? { command: next, args, env: { ...env, NODE_OPTIONS: nodeOptions, NODE_ENV: "development" } }
    : {
        command: process.execPath,
        args: [...serverFlags, path.join("node_modules", "next", "dist", "bin", "next"), ...args],
        env: { ...env, NODE_OPTIONS: nodeOptions, NODE_ENV: "production" },
      };
  fs.writeSync(3, JSON.stringify(plan));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(`tracelight: ${err.message}`);
  } else {
    console.error(`tracelight: could not start: ${(err as Error).message ?? err}`);
    if (process.env.DEBUG) console.error(err);
  }
  process.exit(1);
});
