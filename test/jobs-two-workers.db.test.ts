/**
 * Several servers on one PostgreSQL share the background work: two worker processes (the job
 * code every app server runs, via `scripts/worker.ts`) take 3 evaluation runs and a monitoring
 * backfill from pg-boss; one is killed with SIGKILL mid-way and the other finishes its jobs.
 * Every row and every trace is scored exactly once. SQLite is one server by design: skipped there.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { getEvaluationRun } from "@/lib/evaluation/runs/service";
import { ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { stopJobWorker } from "@/lib/jobs/service";
import { ZMonitoringRuleBody } from "@/lib/monitoring/schemas";
import { createBackfill, createMonitoringRule, getBackfill } from "@/lib/monitoring/service";
import { insertTrace } from "@/lib/seed/factories";
import { createUser } from "@/lib/users/service";
import { db, makeExperiment, provider, uniqueName } from "@/test/db";
import { startSlowApp, startWorkerProcess, waitFor, type SlowApp, type WorkerProcess } from "@/test/jobs";

process.env.JOBS_LEASE_SECONDS = "10";
const ROWS = 12;
const TRACES = 20;
let app: SlowApp;
let dev: Actor;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  if (provider() !== "postgresql") return;
  app = await startSlowApp(150);
  const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName("dev")}@two.test`, role: "DEVELOPER" });
  dev = { userId: user.id, email: user.email, name: user.name, role: "DEVELOPER", via: "session" };
  await setAllowedHosts(SYSTEM_ACTOR, { hosts: ["127.0.0.1"] });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await stopJobWorker();
  await app?.close();
});

// PostgreSQL only: on SQLite the job queue is one in-process worker per server (lib/jobs), so
// several worker processes sharing a queue is a PostgreSQL (pg-boss) deployment; skipped there.
it.skipIf(provider() !== "postgresql")(
  "two workers run 3 runs and a backfill exactly once; killing one leaves its jobs to the other",
  async () => {
    const tag = uniqueName("two");
    const exp = await makeExperiment();
    const hourAgo = Date.now() - 3600_000;
    for (let i = 0; i < TRACES; i++)
      await insertTrace(db(), {
        experimentId: exp.id,
        timestampMs: hourAgo + i,
        tags: { batch: tag },
        root: { name: "qa", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `${tag}-${i}` }, outputs: "x" },
      });
    workers.push(await startWorkerProcess(), await startWorkerProcess());
    const runs: { id: string; runId: string }[] = [];
    for (let r = 0; r < 3; r++)
      runs.push(
        await createEvaluationRun(
          dev,
          exp.id,
          ZCreateEvaluationRunBody.parse({
            filter: `tags.batch = '${tag}'`,
            maxRows: ROWS,
            scorers: [{ type: "no_error", name: "no_error" }],
            outputSource: { kind: "openai_chat", baseUrl: app.baseUrl, model: "app", inputKey: "q" },
            concurrency: 2,
          }),
        ),
      );
    const rule = await createMonitoringRule(
      dev,
      exp.id,
      ZMonitoringRuleBody.parse({ name: "errors", enabled: false, scorers: [{ type: "no_error" }] }),
    );
    // The old traces only (the runs record new traces of their own in the experiment).
    const backfill = await createBackfill(dev, rule.id, { fromMs: hourAgo - 1000, toMs: hourAgo + TRACES + 1 });

    const done = async () =>
      (await db().evaluationRun.aggregate({ where: { id: { in: runs.map((r) => r.id) } }, _sum: { doneRows: true } }))
        ._sum.doneRows ?? 0;
    await waitFor(async () => (await done()) >= 6, 90_000, "work under way");
    await workers[0]!.kill9();
    const atKill = await done();
    expect(atKill).toBeLessThan(3 * ROWS);

    for (const r of runs) expect(await waitForRun(r.id, 150_000)).toBe("COMPLETED");
    await waitFor(async () => (await getBackfill(dev, backfill.id)).status === "COMPLETED", 60_000, "backfill");

    for (const r of runs) {
      const end = await getEvaluationRun(dev, r.id);
      expect(end).toMatchObject({ status: "COMPLETED", totalRows: ROWS, doneRows: ROWS, errorRows: 0 });
      const scores = await db().evaluationScore.findMany({ where: { row: { evaluationRunId: r.id } } });
      expect(scores).toHaveLength(ROWS);
      expect(new Set(scores.map((s) => s.rowId)).size).toBe(ROWS);
      // One assessment per row trace from this run: nothing stored twice.
      expect(await db().assessment.count({ where: { runId: r.runId, name: "no_error" } })).toBe(ROWS);
    }
    const b = await getBackfill(dev, backfill.id);
    expect(b).toMatchObject({ status: "COMPLETED", totalTraces: TRACES, doneTraces: TRACES, scored: TRACES });
    const results = await db().monitoringResult.findMany({ where: { ruleId: rule.id } });
    expect(results).toHaveLength(TRACES);
    expect(new Set(results.map((x) => x.traceId)).size).toBe(TRACES);
    const ruleAssessments = await db().assessment.findMany({
      where: {
        trace: { experimentId: exp.id, tags: { some: { key: "batch", value: tag } } },
        name: "no_error",
        runId: null,
      },
    });
    expect(ruleAssessments).toHaveLength(TRACES);
  },
  300_000,
);
