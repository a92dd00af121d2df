/**
 * Comparing two runs on the real database (SQLite and PostgreSQL): the same records scored
 * before and after their expectations changed give one regression, one improvement and one
 * unchanged row; the counts cover the whole run and the filter pages through one kind only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/bootstrap/worker";
import { createDataset, listDatasetRecords, updateDatasetRecord } from "@/lib/evaluation/datasets/service";
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { compareRuns } from "@/lib/evaluation/runs/service";
import { ZCreateDatasetBody, ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { createUser } from "@/lib/users/service";
import { makeExperiment, uniqueName } from "@/test/db";

// Runs are jobs: this process's worker runs them, as a server's does.
beforeAll(() => startBackgroundWork());
afterAll(() => stopBackgroundWork());

describe("compareRuns", () => {
  it("counts regressions and improvements over the run and filters by kind", async () => {
    const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName("dev")}@compare.test`, role: "DEVELOPER" });
    const dev = { userId: user.id, email: user.email, name: user.name, role: "DEVELOPER", via: "session" } as Actor;
    const exp = await makeExperiment();
    const record = (q: string, output: string, expected: string) => ({
      inputs: { q },
      outputs: output,
      expectations: { expected_response: expected },
    });
    const ds = await createDataset(
      dev,
      exp.id,
      ZCreateDatasetBody.parse({
        name: uniqueName("ds"),
        records: [record("a", "Paris", "Paris"), record("b", "Rome", "Oslo"), record("c", "x", "x")],
      }),
    );
    const run = async () => {
      const r = await createEvaluationRun(
        dev,
        exp.id,
        ZCreateEvaluationRunBody.parse({ datasetId: ds.dataset.id, scorers: [{ type: "exact_match" }] }),
      );
      await waitForRun(r.id);
      return r;
    };
    const baseline = await run();
    const ids = async () =>
      new Map(
        (await listDatasetRecords(dev, ds.dataset.id, { page: 1, pageSize: 10 })).records.map((r) => [
          (r.inputs as { q: string }).q,
          r.id,
        ]),
      );
    await updateDatasetRecord(dev, ds.dataset.id, (await ids()).get("a")!, {
      expectations: { expected_response: "London" },
    });
    await updateDatasetRecord(dev, ds.dataset.id, (await ids()).get("b")!, {
      expectations: { expected_response: "Rome" },
    });
    const current = await run();

    const all = await compareRuns(dev, current.id, { page: 1, pageSize: 10, other: baseline.id });
    expect(all.counts).toEqual({ regression: 1, improvement: 1, unchanged: 1, unmatched: 0 });
    expect(all.scorerNames).toEqual(["exact_match"]);
    expect(all.pairs.map((p) => [(p.a.inputs as { q: string }).q, p.change, p.deltas[0]?.delta])).toEqual([
      ["a", "regression", -1],
      ["b", "improvement", 1],
      ["c", "unchanged", 0],
    ]);

    const worse = await compareRuns(dev, current.id, {
      page: 1,
      pageSize: 10,
      other: baseline.id,
      change: "regression",
    });
    expect(worse.total).toBe(1);
    expect(worse.counts.regression).toBe(1);
    expect(
      worse.pairs.map((p) => [(p.a.inputs as { q: string }).q, p.b?.scores[0]?.value, p.a.scores[0]?.value]),
    ).toEqual([["a", true, false]]);
  });
});
