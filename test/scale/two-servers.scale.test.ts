/**
 * Several app servers on one PostgreSQL (issue 12): two real production servers (`next start`
 * on the same build, two ports, one fresh database), driven only over HTTP with API keys.
 *  - 20 reviewers, half on each server, pull from one 2-labels-per-item session at once: every
 *    item ends with exactly 2 labels from 2 different reviewers, no label is lost.
 *  - 3 evaluation runs and a monitoring backfill are queued through both servers; the server
 *    running jobs is killed with SIGKILL mid-way; the other finishes them. Every row and every
 *    trace is scored exactly once.
 * Needs a production build (the e2e suite's): skipped, saying so, without one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { insertTrace } from "@/lib/seed/factories";
import { createApiKey } from "@/lib/users/api-keys/service";
import { createUser } from "@/lib/users/service";
import { db, makeExperiment, provider, uniqueName } from "@/test/db";
import { startSlowApp, waitFor, type SlowApp } from "@/test/jobs";
import { apiClient, missingBuildReason, startAppServer, type AppServer } from "@/test/scale/app-servers";

const noBuild = missingBuildReason();
const skip = provider() !== "postgresql" ? "the scale-out test runs on PostgreSQL only" : noBuild;
if (skip) console.warn(`two app servers: skipped: ${skip}`);

const REVIEWERS = 20;
const ITEMS = 20;
const LABELS_PER_ITEM = 2;
const ROWS = 12;
const TRACES = 20;

let app: SlowApp;
const servers: AppServer[] = [];

async function userWithKey(role: "ADMIN" | "DEVELOPER" | "REVIEWER", prefix: string) {
  const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName(prefix)}@scale.test`, role });
  const actor: Actor = { userId: user.id, email: user.email, name: user.name, role, via: "session" };
  const { key } = await createApiKey(actor, "scale test");
  return { actor, key };
}

beforeAll(async () => {
  if (skip) return;
  app = await startSlowApp(300);
  await setAllowedHosts(SYSTEM_ACTOR, { hosts: ["127.0.0.1"] });
  // Short leases so a dead server's jobs are taken over within seconds (same on both servers).
  const env = { JOBS_LEASE_SECONDS: "10", JOBS_MAINTENANCE_SECONDS: "1", JOBS_POLL_MS: "200" };
  servers.push(
    ...(await Promise.all([
      startAppServer(process.env.DATABASE_URL!, env),
      startAppServer(process.env.DATABASE_URL!, env),
    ])),
  );
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (process.env.DEBUG_SERVERS) for (const s of servers) console.log(`SERVER ${s.port}\n${s.output()}`);
  await app?.close();
});

describe.skipIf(Boolean(skip))("two app servers on one PostgreSQL", () => {
  it("20 reviewers split across both servers lose no label and over-label no item", async () => {
    const exp = await makeExperiment();
    const traceIds: string[] = [];
    for (let i = 0; i < ITEMS; i++)
      traceIds.push(
        await insertTrace(db(), {
          experimentId: exp.id,
          timestampMs: Date.now() - i,
          root: { name: "qa", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `q${i}` }, outputs: `a${i}` },
        }),
      );
    const dev = await userWithKey("DEVELOPER", "dev");
    const reviewers = await Promise.all(Array.from({ length: REVIEWERS }, () => userWithKey("REVIEWER", "rev")));
    const onA = apiClient(servers[0]!.baseUrl, dev.key);
    await onA.post("/api/labeling/schemas", {
      experimentId: exp.id,
      name: "quality",
      type: "feedback",
      title: "Is the answer good?",
      input: { type: "categorical", options: ["good", "bad"] },
    });
    const session = await onA.post<{ id: string }>("/api/labeling/sessions", {
      experimentId: exp.id,
      name: uniqueName("scale"),
      labelSchemas: ["quality"],
      assignedUsers: reviewers.map((r) => r.actor.email),
      labelsPerItem: LABELS_PER_ITEM,
    });
    // Items added through the other server.
    await apiClient(servers[1]!.baseUrl, dev.key).post(`/api/labeling/sessions/${session.id}/items`, { traceIds });

    // Reviewer i works on server i % 2; all 20 at once, each until the queue has nothing for them.
    const submitted: { itemId: string; userId: string }[] = [];
    await Promise.all(
      reviewers.map(async (r, i) => {
        const api = apiClient(servers[i % 2]!.baseUrl, r.key);
        for (;;) {
          const { item } = await api.post<{ item: { itemId: string } | null }>(
            `/api/labeling/sessions/${session.id}/next`,
          );
          if (!item) return;
          await api.post(`/api/labeling/sessions/${session.id}/items/${item.itemId}/submit`, {
            answers: { quality: { value: i % 3 ? "good" : "bad" } },
          });
          submitted.push({ itemId: item.itemId, userId: r.actor.userId });
        }
      }),
    );

    const items = await db().labelingItem.findMany({ where: { sessionId: session.id }, include: { claims: true } });
    expect(items).toHaveLength(ITEMS);
    for (const item of items) {
      const done = item.claims.filter((c) => c.status === "COMPLETED");
      expect(done, `item ${item.id}`).toHaveLength(LABELS_PER_ITEM);
      expect(new Set(done.map((c) => c.userId)).size, `item ${item.id}: two different reviewers`).toBe(LABELS_PER_ITEM);
    }
    // Every submit the reviewers saw succeed is a stored label, and nothing more.
    expect(submitted).toHaveLength(ITEMS * LABELS_PER_ITEM);
    expect(new Set(submitted.map((s) => `${s.itemId}:${s.userId}`)).size).toBe(ITEMS * LABELS_PER_ITEM);
    const { runId } = await db().labelingSession.findUniqueOrThrow({ where: { id: session.id } });
    const labels = await db().assessment.findMany({ where: { runId, name: "quality" } });
    expect(labels).toHaveLength(ITEMS * LABELS_PER_ITEM);
    // Both servers served reviewers: the work really was split.
    expect(new Set(items.flatMap((i) => i.claims.map((c) => c.userId))).size).toBeGreaterThan(REVIEWERS / 2);
  }, 120_000);

  it("3 evaluation runs and a backfill run exactly once; killing the busy server leaves its jobs to the other", async () => {
    const tag = uniqueName("scale");
    const exp = await makeExperiment();
    const hourAgo = Date.now() - 3600_000;
    for (let i = 0; i < TRACES; i++)
      await insertTrace(db(), {
        experimentId: exp.id,
        timestampMs: hourAgo + i,
        tags: { batch: tag },
        root: { name: "qa", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `${tag}-${i}` }, outputs: "x" },
      });
    const dev = await userWithKey("DEVELOPER", "dev");
    const via = (i: number) => apiClient(servers[i % 2]!.baseUrl, dev.key);
    const runs: { id: string; runId: string }[] = [];
    for (let r = 0; r < 3; r++)
      runs.push(
        await via(r).post(`/api/evaluation/experiments/${exp.id}/runs`, {
          filter: `tags.batch = '${tag}'`,
          maxRows: ROWS,
          scorers: [{ type: "no_error", name: "no_error" }],
          outputSource: { kind: "openai_chat", baseUrl: app.baseUrl, model: "app", inputKey: "q" },
          concurrency: 2,
        }),
      );
    const rule = await via(1).post<{ id: string }>(`/api/monitoring/experiments/${exp.id}/rules`, {
      name: "errors",
      enabled: false,
      scorers: [{ type: "no_error" }],
    });
    // The seeded traces only (the runs record new traces of their own in the experiment).
    const backfill = await via(0).post<{ id: string }>(`/api/monitoring/rules/${rule.id}/backfills`, {
      fromMs: hourAgo - 1000,
      toMs: hourAgo + TRACES + 1,
    });

    const doneRows = async () =>
      (await db().evaluationRun.aggregate({ where: { id: { in: runs.map((r) => r.id) } }, _sum: { doneRows: true } }))
        ._sum.doneRows ?? 0;
    // Kill the first server seen running jobs, once some rows are in.
    let victim: AppServer | undefined;
    await waitFor(
      async () => {
        if ((await doneRows()) < 4) return false;
        for (const s of servers) {
          const ready = (await (await fetch(`${s.baseUrl}/api/ready`)).json()) as { jobs: { active: number } };
          if (ready.jobs.active > 0) return Boolean((victim = s));
        }
        return false;
      },
      90_000,
      "a server running jobs",
      100,
    );
    await victim!.kill9();
    const atKill = await doneRows();
    expect(atKill).toBeLessThan(3 * ROWS);
    await expect(fetch(`${victim!.baseUrl}/api/health`)).rejects.toThrow();
    const survivor = servers.find((s) => s !== victim)!;
    const api = apiClient(survivor.baseUrl, dev.key);

    await waitFor(
      async () => {
        const states = await Promise.all(runs.map((r) => api.get<{ status: string }>(`/api/evaluation/runs/${r.id}`)));
        const bf = await db().monitoringBackfill.findUniqueOrThrow({ where: { id: backfill.id } });
        return states.every((s) => s.status === "COMPLETED") && bf.status === "COMPLETED";
      },
      120_000,
      "the survivor to finish every run and the backfill",
      500,
    );

    for (const r of runs) {
      const end = await api.get(`/api/evaluation/runs/${r.id}`);
      expect(end).toMatchObject({ status: "COMPLETED", totalRows: ROWS, doneRows: ROWS, errorRows: 0 });
      const scores = await db().evaluationScore.findMany({ where: { row: { evaluationRunId: r.id } } });
      expect(scores).toHaveLength(ROWS);
      expect(new Set(scores.map((s) => s.rowId)).size).toBe(ROWS);
      expect(await db().assessment.count({ where: { runId: r.runId, name: "no_error" } })).toBe(ROWS);
    }
    const bf = await db().monitoringBackfill.findUniqueOrThrow({ where: { id: backfill.id } });
    expect(bf).toMatchObject({ status: "COMPLETED", totalTraces: TRACES, doneTraces: TRACES, scored: TRACES });
    const results = await db().monitoringResult.findMany({ where: { ruleId: rule.id } });
    expect(results).toHaveLength(TRACES);
    expect(new Set(results.map((x) => x.traceId)).size).toBe(TRACES);
    expect(
      await db().assessment.count({
        where: {
          trace: { experimentId: exp.id, tags: { some: { key: "batch", value: tag } } },
          name: "no_error",
          runId: null,
        },
      }),
    ).toBe(TRACES);
    // The app was asked once per row, plus at most the calls in flight on the killed server
    // (2 jobs × 2 rows at a time).
    const calls = [...app.calls.entries()].filter(([k]) => k.startsWith(`${tag}-`)).reduce((n, [, c]) => n + c, 0);
    expect(calls).toBeGreaterThanOrEqual(3 * ROWS);
    expect(calls).toBeLessThanOrEqual(3 * ROWS + 4);
  }, 240_000);
});
