/**
 * Helpers for the job tests: a slow OpenAI-compatible "app" (so a run is still going when a
 * worker is killed), real worker processes (`scripts/worker.ts`, the job code a server runs),
 * and polling.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface SlowApp {
  baseUrl: string;
  /** Calls per user message. */
  calls: Map<string, number>;
  /** Authorization headers seen. */
  auth: Set<string>;
  close(): Promise<void>;
}

/** Answers chat completions with "The answer is <message>" after `delayMs`. */
export async function startSlowApp(delayMs: number): Promise<SlowApp> {
  const calls = new Map<string, number>();
  const auth = new Set<string>();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const parsed = JSON.parse(body || "{}") as { messages?: { role: string; content: string }[] };
      const last = parsed.messages?.filter((m) => m.role === "user").at(-1)?.content ?? "";
      calls.set(last, (calls.get(last) ?? 0) + 1);
      auth.add(String(req.headers.authorization ?? ""));
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-slow",
            object: "chat.completion",
            created: 0,
            model: "app",
            choices: [
              { index: 0, finish_reason: "stop", message: { role: "assistant", content: `The answer is ${last}` } },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    auth,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: the process gets no chance to release anything. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `scripts/worker.ts` on the test database with short leases. */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const root = path.resolve(__dirname, "..");
  // Node itself with tsx as a loader (not the tsx CLI, which forks): SIGKILL must hit the worker.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    cwd: root,
    env: {
      ...process.env,
      JOBS_LEASE_SECONDS: "10",
      JOBS_MAINTENANCE_SECONDS: "1",
      JOBS_POLL_MS: "200",
      MONITORING_SCAN_SECONDS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  await waitFor(() => out.includes("job worker running") || child.exitCode !== null, 60_000, "worker start");
  if (child.exitCode !== null) throw new Error(`worker exited: ${out}`);
  return {
    child,
    output: () => out,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
