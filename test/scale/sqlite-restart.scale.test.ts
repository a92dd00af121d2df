/**
 * The embedded SQLite default, one real app server (`next start` on the production build, its
 * in-process job worker): restarting the server mid-run (`kill -9`, then a new server on the same
 * file) resumes the run, which completes with every row scored once; a run cancelled over the
 * API stops and says so. Its own SQLite file, whatever database the project set up.
 * Needs a production build (the e2e suite's): skipped, saying so, without one.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { readDbConfig } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrations/apply";
import { insertTrace } from "@/lib/seed/factories";
import { createApiKey } from "@/lib/users/api-keys/service";
import { createUser } from "@/lib/users/service";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { startSlowApp, waitFor, type SlowApp } from "@/test/jobs";
import { apiClient, missingBuildReason, startAppServer, type AppServer } from "@/test/scale/app-servers";

// Before anything opens the database: this file's services and servers use a fresh SQLite file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracelight-restart-"));
const databaseUrl = `file:${path.join(dir, "tracelight.db")}`;
process.env.DATABASE_URL = databaseUrl;

const skip = missingBuildReason();
if (skip) console.warn(`SQLite server restart: skipped: ${skip}`);

const ROWS = 12;
let app: SlowApp;
let key: string;
const servers: AppServer[] = [];
const env = { DATA_DIR: dir, JOBS_LEASE_SECONDS: "10", JOBS_POLL_MS: "200" };

beforeAll(async () => {
  if (skip) return;
  await applyMigrations(readDbConfig());
  app = await startSlowApp(300);
  await setAllowedHosts(SYSTEM_ACTOR, { hosts: ["127.0.0.1"] });
  const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName("dev")}@restart.test`, role: "DEVELOPER" });
  const dev: Actor = { userId: user.id, email: user.email, name: user.name, role: "DEVELOPER", via: "session" };
  key = (await createApiKey(dev, "restart test")).key;
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (process.env.DEBUG_SERVERS) for (const s of servers) console.log(`SERVER ${s.port}\n${s.output()}`);
  await app?.close();
  await db().$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startRun(api: ReturnType<typeof apiClient>, tag: string) {
  const exp = await makeExperiment();
  for (let i = 0; i < ROWS; i++)
    await insertTrace(db(), {
      experimentId: exp.id,
      timestampMs: Date.now() + i,
      tags: { batch: tag },
      root: { name: "qa", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `${tag}-${i}` }, outputs: "x" },
    });
  return api.post<{ id: string; runId: string }>(`/api/evaluation/experiments/${exp.id}/runs`, {
    filter: `tags.batch = '${tag}'`,
    scorers: [{ type: "no_error", name: "no_error" }],
    outputSource: { kind: "openai_chat", baseUrl: app.baseUrl, model: "app", inputKey: "q" },
    concurrency: 1,
  });
}

type RunState = { status: string; doneRows: number; totalRows: number; errorRows: number; finishedAt: unknown };

describe.skipIf(Boolean(skip))("one app server on SQLite", () => {
  it("restarting the server mid-run resumes the run, every row scored once", async () => {
    const first = await startAppServer(databaseUrl, env);
    servers.push(first);
    const tag = uniqueName("restart");
    const run = await startRun(apiClient(first.baseUrl, key), tag);
    const state = (api: ReturnType<typeof apiClient>) => api.get<RunState>(`/api/evaluation/runs/${run.id}`);
    await waitFor(async () => (await state(apiClient(first.baseUrl, key))).doneRows >= 3, 60_000, "three rows", 200);
    await first.kill9();
    const atKill = await db().evaluationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(atKill.status).toBe("RUNNING");
    expect(atKill.doneRows).toBeLessThan(ROWS);

    const second = await startAppServer(databaseUrl, env);
    servers.push(second);
    const api = apiClient(second.baseUrl, key);
    await waitFor(async () => (await state(api)).status === "COMPLETED", 90_000, "the run to complete", 300);
    expect(await state(api)).toMatchObject({ status: "COMPLETED", totalRows: ROWS, doneRows: ROWS, errorRows: 0 });
    const scores = await db().evaluationScore.findMany({ where: { row: { evaluationRunId: run.id } } });
    expect(scores).toHaveLength(ROWS);
    expect(new Set(scores.map((s) => s.rowId)).size).toBe(ROWS);
    expect(await db().assessment.count({ where: { runId: run.runId, name: "no_error" } })).toBe(ROWS);
    // Once per row, but for the one row in flight when the server died.
    const perRow = [...app.calls.entries()].filter(([k]) => k.startsWith(`${tag}-`)).map(([, n]) => n);
    expect(perRow).toHaveLength(ROWS);
    expect(perRow.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
  }, 200_000);

  it("a cancelled run stops and says so", async () => {
    const server = servers.at(-1)!;
    const api = apiClient(server.baseUrl, key);
    const run = await startRun(api, uniqueName("cancel"));
    await waitFor(
      async () => (await api.get<RunState>(`/api/evaluation/runs/${run.id}`)).doneRows >= 2,
      60_000,
      "two rows",
      200,
    );
    const cancelled = await api.post<RunState>(`/api/evaluation/runs/${run.id}/cancel`);
    expect(cancelled.status).toBe("CANCELLED");
    await new Promise((r) => setTimeout(r, 2500));
    const later = await api.get<RunState>(`/api/evaluation/runs/${run.id}`);
    expect(later.status).toBe("CANCELLED");
    expect(later.finishedAt).not.toBeNull();
    // At most the row in flight finishes; nothing new starts.
    expect(later.doneRows).toBeLessThanOrEqual(cancelled.doneRows + 1);
    expect(later.doneRows).toBeLessThan(ROWS);
    // Cancelling again is refused with the reason.
    await expect(api.post(`/api/evaluation/runs/${run.id}/cancel`)).rejects.toThrow(
      /409.*only a pending or running run can be cancelled/,
    );
  }, 120_000);
});
