/**
 * Evaluation runs are jobs that survive their worker: a real worker process is killed with
 * SIGKILL mid-run and a new one finishes the run, scoring every row exactly once (on SQLite the
 * restarted worker takes over at once; on PostgreSQL pg-boss hands the job over when its lease
 * expires). A cancelled run stops and says so. Runs on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { cancelEvaluationRun, createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { getEvaluationRun } from "@/lib/evaluation/runs/service";
import { ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { insertTrace } from "@/lib/seed/factories";
import { createUser } from "@/lib/users/service";
import { stopJobWorker } from "@/lib/jobs/service";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { startSlowApp, startWorkerProcess, waitFor, type SlowApp, type WorkerProcess } from "@/test/jobs";

// This process enqueues: its lease setting goes with each job (workers get the same below).
process.env.JOBS_LEASE_SECONDS = "10";
const ROWS = 12;
let app: SlowApp;
let dev: Actor;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  app = await startSlowApp(250);
  const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName("dev")}@jobs.test`, role: "DEVELOPER" });
  dev = { userId: user.id, email: user.email, name: user.name, role: "DEVELOPER", via: "session" };
  await setAllowedHosts(SYSTEM_ACTOR, { hosts: ["127.0.0.1"] });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  if (process.env.DEBUG_WORKERS) for (const w of workers) console.log("WORKER OUTPUT", w.output());
  await stopJobWorker(); // this process only enqueued (pg-boss keeps a pool)
  await app.close();
});

async function experimentWithTraces(tag: string) {
  const exp = await makeExperiment();
  for (let i = 0; i < ROWS; i++)
    await insertTrace(db(), {
      experimentId: exp.id,
      timestampMs: Date.now() + i,
      tags: { batch: tag },
      root: { name: "qa", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `${tag}-${i}` }, outputs: "x" },
    });
  return exp;
}

const startRun = (experimentId: string, tag: string) =>
  createEvaluationRun(
    dev,
    experimentId,
    ZCreateEvaluationRunBody.parse({
      filter: `tags.batch = '${tag}'`,
      scorers: [{ type: "no_error", name: "no_error" }],
      outputSource: {
        kind: "openai_chat",
        baseUrl: app.baseUrl,
        model: "app",
        apiKey: "sk-app-secret",
        inputKey: "q",
      },
      concurrency: 1,
    }),
  );

describe("a run survives its worker", () => {
  it("resumes after kill -9 and scores every row exactly once", async () => {
    const tag = uniqueName("restart");
    const exp = await experimentWithTraces(tag);
    const run = await startRun(exp.id, tag);
    const first = await startWorkerProcess();
    workers.push(first);
    const done = async () => (await getEvaluationRun(dev, run.id)).doneRows;
    await waitFor(async () => (await done()) >= 3, 60_000, "three rows scored");
    await first.kill9();
    const atKill = await getEvaluationRun(dev, run.id);
    expect(atKill.status).toBe("RUNNING");
    expect(atKill.doneRows).toBeLessThan(ROWS);

    const second = await startWorkerProcess();
    workers.push(second);
    expect(await waitForRun(run.id, 90_000)).toBe("COMPLETED");
    const end = await getEvaluationRun(dev, run.id);
    expect(end).toMatchObject({ status: "COMPLETED", totalRows: ROWS, doneRows: ROWS, errorRows: 0 });
    // Every row stored once: one score per row, no row left pending.
    const scores = await db().evaluationScore.findMany({ where: { row: { evaluationRunId: run.id } } });
    expect(scores).toHaveLength(ROWS);
    expect(new Set(scores.map((s) => s.rowId)).size).toBe(ROWS);
    expect(scores.every((s) => s.value === "true")).toBe(true);
    // The app was called once per row, except at most the one row in flight when the worker died.
    const perRow = [...app.calls.entries()].filter(([k]) => k.startsWith(`${tag}-`)).map(([, n]) => n);
    expect(perRow).toHaveLength(ROWS);
    expect(perRow.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
    // The app's key came back from the encrypted job payload after the restart, and is stored nowhere in clear.
    expect([...app.auth]).toEqual(["Bearer sk-app-secret"]);
    expect(JSON.stringify(end)).not.toContain("sk-app-secret");
    await second.stop();
  }, 180_000);

  it("stops a cancelled run and says so", async () => {
    const tag = uniqueName("cancel");
    const exp = await experimentWithTraces(tag);
    const run = await startRun(exp.id, tag);
    const worker = await startWorkerProcess();
    workers.push(worker);
    await waitFor(async () => (await getEvaluationRun(dev, run.id)).doneRows >= 2, 60_000, "two rows scored");
    const cancelled = await cancelEvaluationRun(dev, run.id);
    expect(cancelled.status).toBe("CANCELLED");
    const callsAt = [...app.calls.keys()].filter((k) => k.startsWith(`${tag}-`)).length;
    await new Promise((r) => setTimeout(r, 2000));
    const later = await getEvaluationRun(dev, run.id);
    expect(later.status).toBe("CANCELLED");
    expect(later.finishedAt).not.toBeNull();
    // At most the row in flight finishes; nothing new is started.
    expect(later.doneRows).toBeLessThanOrEqual(cancelled.doneRows + 1);
    expect(later.doneRows).toBeLessThan(ROWS);
    // The row whose cancel check passed just before the cancel may still call the app: one, no more.
    expect([...app.calls.keys()].filter((k) => k.startsWith(`${tag}-`)).length).toBeLessThanOrEqual(callsAt + 1);
    const mlflowRun = await db().run.findUniqueOrThrow({ where: { id: run.runId } });
    expect(mlflowRun.status).toBe("KILLED");
    // A finished run cannot be cancelled again: 409 with the reason.
    await expect(cancelEvaluationRun(dev, run.id)).rejects.toThrow(/only a pending or running run can be cancelled/);
    await worker.stop();
  }, 120_000);
});
