/**
 * Real app servers for the scale-out test: the production build (`.next`, made by `npm start` or
 * `next build`) served by `next start` — the process `npm start` ends in — on its own port, with
 * the job worker that instrumentation.ts starts in every server. The child IS the Next.js server
 * (no wrapper process), so `kill9()` kills the server and its worker with it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { waitFor } from "@/test/jobs";

const root = path.resolve(__dirname, "../..");
/** Written by scripts/start-prepare.ts when `next build` succeeded. */
export const BUILD_MARKER = path.join(root, process.env.NEXT_DIST_DIR || ".next", "tracelight-build-complete");

/** Why the servers cannot start, or null when a complete production build is there. */
export function missingBuildReason(): string | null {
  if (fs.existsSync(BUILD_MARKER)) return null;
  return `no production build at ${path.dirname(BUILD_MARKER)} (run \`npm run test:e2e\` or \`npm start\` once first; \`npm test\` runs this after the e2e suite built it)`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hook runs, claims and jobs are left as they were. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `next start` on a free port against `databaseUrl` and waits for /api/ready. */
export async function startAppServer(databaseUrl: string, env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const preload = `--require ${JSON.stringify(path.join(root, "scripts/client-address-preload.cjs"))}`;
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: preload,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) return true;
      try {
        return (await fetch(`${baseUrl}/api/ready`)).status === 200;
      } catch {
        return false;
      }
    },
    90_000,
    `app server on port ${port} ready`,
    250,
  );
  if (child.exitCode !== null) throw new Error(`app server exited (${child.exitCode}): ${out}`);
  return {
    port,
    baseUrl,
    child,
    output: () => out,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** JSON over HTTP with an API key, the way scripts and the Python client call the app. */
export function apiClient(baseUrl: string, key: string) {
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} on ${baseUrl}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    get: <T>(url: string) => call<T>("GET", url),
    post: <T>(url: string, body: unknown = {}) => call<T>("POST", url, body),
  };
}
