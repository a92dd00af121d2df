/**
 * Compare sessions on the real databases: pairs built from two evaluation runs of one dataset,
 * the stored left/right order mapped back to the right version, choices as linked assessments
 * on both traces, win rates and the agreement of two reviewers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/bootstrap/worker";
import { createDataset } from "@/lib/evaluation/datasets/service";
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { ZCreateDatasetBody, ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { createPairwiseSession, getNextComparison, getPairwiseResults, submitComparison } from "@/lib/pairwise/service";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { makeUser } from "@/test/labeling";

let dev: Actor;
beforeAll(async () => {
  // Runs are jobs: this process's worker runs them, as a server's does.
  await startBackgroundWork();
  dev = await makeUser("DEVELOPER");
});

afterAll(async () => {
  await stopBackgroundWork();
});

async function twoRuns(questions: string[]) {
  const exp = await makeExperiment();
  const ds = await createDataset(
    dev,
    exp.id,
    ZCreateDatasetBody.parse({
      name: uniqueName("ds"),
      records: questions.map((q) => ({ inputs: { q }, outputs: `answer to ${q}`, expectations: {} })),
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
  return { exp, a: await run(), b: await run() };
}

describe("pairwise comparison", () => {
  it("pairs the rows of two runs, stores the order and the choices, and computes win rates and agreement", async () => {
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { exp, a, b } = await twoRuns(["q1", "q2", "q3", "q4"]);
    const created = await createPairwiseSession(dev, {
      experimentId: exp.id,
      name: "v1 vs v2",
      evaluationRunIdA: a.id,
      evaluationRunIdB: b.id,
      assignedUsers: [r1.email, r2.email],
      openToAllReviewers: false,
    });
    expect(created).toMatchObject({ pairCount: 4, unpaired: 0 });
    const pairs = await db().pairwisePair.findMany({
      where: { sessionId: created.sessionId },
      orderBy: { position: "asc" },
    });
    const rowsA = await db().evaluationRunRow.findMany({ where: { evaluationRunId: a.id } });
    const rowsB = await db().evaluationRunRow.findMany({ where: { evaluationRunId: b.id } });
    for (const p of pairs) {
      expect(rowsA.some((r) => r.traceId === p.traceIdA)).toBe(true);
      expect(rowsB.some((r) => r.traceId === p.traceIdB)).toBe(true);
      // Both sides answer the same record.
      const ra = rowsA.find((r) => r.traceId === p.traceIdA)!;
      const rb = rowsB.find((r) => r.traceId === p.traceIdB)!;
      expect(ra.datasetRecordId).toBe(rb.datasetRecordId);
    }

    // Reviewer 1 always prefers version A, whatever side it is shown on; reviewer 2 agrees on 3 of 4.
    const pickFor = (want: "A" | "B" | "tie", pair: { left: { traceId: string } }, traceIdA: string) =>
      want === "tie" ? "tie" : (pair.left.traceId === traceIdA) === (want === "A") ? "left" : "right";
    const plan: Record<string, ("A" | "B" | "tie")[]> = {
      [r1.userId]: ["A", "A", "A", "B"],
      [r2.userId]: ["A", "A", "B", "B"],
    };
    for (const reviewer of [r1, r2]) {
      for (let i = 0; i < 4; i++) {
        const next = await getNextComparison(reviewer, created.sessionId);
        const pair = pairs.find((p) => p.id === next.pair!.pairId)!;
        expect(next.pair!.left.traceId).toBe(pair.leftIsA ? pair.traceIdA : pair.traceIdB);
        await submitComparison(reviewer, created.sessionId, pair.id, {
          choice: pickFor(plan[reviewer.userId][pair.position], next.pair!, pair.traceIdA),
          rationale: `because ${i}`,
        });
      }
      expect((await getNextComparison(reviewer, created.sessionId)).pair).toBeNull();
    }
    // The choice is on both traces, linked by the comparison id and the other trace.
    const first = pairs[3];
    const onA = await db().assessment.findFirstOrThrow({ where: { traceId: first.traceIdA, createdById: r1.userId } });
    const onB = await db().assessment.findFirstOrThrow({ where: { traceId: first.traceIdB, createdById: r1.userId } });
    expect([onA.value, onB.value]).toEqual(['"loss"', '"win"']);
    expect(JSON.parse(onA.metadata)).toMatchObject({
      "tracelight.comparisonId": first.id,
      "tracelight.otherTraceId": first.traceIdB,
    });
    expect(JSON.parse(onB.metadata)["tracelight.comparisonId"]).toBe(first.id);

    const results = await getPairwiseResults(dev, created.sessionId);
    const [va, vb] = results.winRates.versions;
    expect(results.winRates.comparisons).toBe(8);
    expect(va).toMatchObject({ wins: 5, losses: 3, winRate: 5 / 8 });
    expect(vb).toMatchObject({ wins: 3, losses: 5 });
    expect(va.ci!.low).toBeLessThan(0.625);
    expect(results.agreement).toMatchObject({ pairs: 4, observedAgreement: 0.75 });
    expect(results.agreement!.kappa).toBeCloseTo(0.5, 5);

    // Changing one's mind replaces one's own choice.
    await submitComparison(r1, created.sessionId, pairs[0].id, { choice: "tie" });
    expect((await getPairwiseResults(dev, created.sessionId)).winRates.versions[0].ties).toBe(1);
    await expect(getPairwiseResults(r1, created.sessionId)).rejects.toMatchObject({ status: 403 });
  });

  it("refuses the same run twice and runs of other experiments", async () => {
    const { exp, a } = await twoRuns(["x"]);
    const other = await twoRuns(["x"]);
    const base = { experimentId: exp.id, name: "n", assignedUsers: [], openToAllReviewers: true };
    await expect(
      createPairwiseSession(dev, { ...base, evaluationRunIdA: a.id, evaluationRunIdB: a.id }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      createPairwiseSession(dev, { ...base, evaluationRunIdA: a.id, evaluationRunIdB: other.b.id }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
