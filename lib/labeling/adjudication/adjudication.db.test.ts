/**
 * Adjudication against the real databases: disagreements (categories, numbers beyond the
 * tolerance) reach the adjudicators once an item has its labels, the final answer is an
 * adjudicated HUMAN assessment linking what it resolves, sync prefers it, and agreement is
 * reported before and after.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { submitLabels } from "@/lib/labeling/review/service";
import { syncSessionToDataset } from "@/lib/labeling/dataset-sync/service";
import {
  getAdjudicationSummary,
  listAdjudicationItems,
  resolveAdjudication,
  updateAdjudicationSettings,
} from "@/lib/labeling/adjudication/service";
import { getAdjudicationDetail } from "@/lib/labeling/review/adjudication";
import { db } from "@/test/db";
import { makeSession, makeUser } from "@/test/labeling";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

const answers = (verdict: string, score: number) => ({
  answers: { verdict: { value: verdict }, score: { value: score } },
});

describe("adjudication", () => {
  it("queues disagreements once the labels are in, settles them as adjudicated assessments, and sync uses them", async () => {
    const [a, b, judge] = [await makeUser("REVIEWER"), await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { session, items, traceIds } = await makeSession(admin, { traces: 3, labelsPerItem: 2, reviewers: [a, b] });
    const settings = await updateAdjudicationSettings(admin, session.id, {
      enabled: true,
      numericTolerance: 1,
      adjudicators: [judge.email],
    });
    expect(settings).toMatchObject({ enabled: true, numericTolerance: 1, open: 0 });
    expect(settings.adjudicators.map((u) => u.email)).toEqual([judge.email]);

    await submitLabels(a, session.id, items[0]!.id, answers("good", 5));
    // One label of two: nothing to adjudicate yet.
    expect(await db().labelingAdjudication.count({ where: { sessionId: session.id } })).toBe(0);
    await submitLabels(b, session.id, items[0]!.id, answers("bad", 5));
    await submitLabels(a, session.id, items[1]!.id, answers("good", 5));
    await submitLabels(b, session.id, items[1]!.id, answers("good", 6)); // within the tolerance
    await submitLabels(a, session.id, items[2]!.id, answers("good", 2));
    await submitLabels(b, session.id, items[2]!.id, answers("good", 9)); // beyond it

    const open = await listAdjudicationItems(judge, session.id, { status: "OPEN" });
    expect(open.items.map((i) => [i.itemId, i.questions])).toEqual([
      [items[0]!.id, ["verdict"]],
      [items[2]!.id, ["score"]],
    ]);
    const first = open.items[0]!;
    expect(first.labels.map((l) => [l.email, l.answers.verdict?.value]).sort()).toEqual(
      [
        [a.email, "good"],
        [b.email, "bad"],
      ].sort(),
    );
    // A reviewer who is not an adjudicator does not see the queue.
    await expect(listAdjudicationItems(a, session.id, { status: "OPEN" })).rejects.toMatchObject({ status: 404 });
    const detail = await getAdjudicationDetail(judge, session.id, first.itemId);
    expect(detail.trace.traceId).toBe(traceIds[0]);

    // Every disagreed question needs an answer, and answers are validated.
    await expect(
      resolveAdjudication(judge, session.id, first.itemId, { answers: { score: { value: 5 } } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      resolveAdjudication(judge, session.id, first.itemId, { answers: { verdict: { value: "meh" } } }),
    ).rejects.toMatchObject({ status: 400 });
    const resolved = await resolveAdjudication(judge, session.id, first.itemId, {
      answers: { verdict: { value: "good", comment: "the answer is right" } },
    });
    expect(resolved.status).toBe("RESOLVED");
    const final = await db().assessment.findUniqueOrThrow({ where: { id: resolved.assessmentIds[0]! } });
    const metadata = JSON.parse(final.metadata) as Record<string, string>;
    expect(final).toMatchObject({ sourceType: "HUMAN", sourceId: judge.email, name: "verdict", kind: "EXPECTATION" });
    expect(metadata["tracelight.adjudicated"]).toBe("true");
    expect(metadata["tracelight.resolves"]!.split(",").sort()).toEqual(
      first.labels.map((l) => l.answers.verdict!.assessmentId).sort(),
    );
    // Settling again updates the same assessment.
    const again = await resolveAdjudication(judge, session.id, first.itemId, {
      answers: { verdict: { value: "good" } },
    });
    expect(again.assessmentIds).toEqual(resolved.assessmentIds);

    const summary = await getAdjudicationSummary(admin, session.id);
    expect(summary).toMatchObject({ open: 1, resolved: 1 });
    const verdict = summary.agreement.find((g) => g.schema === "verdict")!;
    expect(verdict).toMatchObject({ items: 3, agreedBefore: 2, adjudicated: 1 });
    expect(verdict.percentBefore).toBeCloseTo(2 / 3);
    expect(verdict.percentAfter).toBe(1);
    const score = summary.agreement.find((g) => g.schema === "score")!;
    expect(score).toMatchObject({ items: 3, agreedBefore: 2, adjudicated: 0 });

    // B's "bad" is the newest reviewer label, yet the dataset carries the adjudicated "good".
    const synced = await syncSessionToDataset(admin, session.id, { datasetName: `adjudicated-${session.id}` });
    expect(synced.created).toBe(true);
    const records = await db().evaluationDatasetRecord.findMany({ where: { sourceTraceId: traceIds[0] } });
    expect(records.map((r) => (JSON.parse(r.expectations) as Record<string, unknown>).verdict)).toContain("good");
    expect(records.map((r) => (JSON.parse(r.expectations) as Record<string, unknown>).verdict)).not.toContain("bad");
  });

  it("leaves items alone while adjudication is off and picks up existing disagreements when it is turned on", async () => {
    const [a, b] = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { session, items } = await makeSession(admin, { traces: 1, labelsPerItem: 2, reviewers: [a, b] });
    await submitLabels(a, session.id, items[0]!.id, answers("good", 1));
    await submitLabels(b, session.id, items[0]!.id, answers("bad", 1));
    expect(await db().labelingAdjudication.count({ where: { sessionId: session.id } })).toBe(0);
    const on = await updateAdjudicationSettings(admin, session.id, { enabled: true });
    expect(on.open).toBe(1);
    // Only developers and admins change the option; unknown adjudicators are a 400 on that field.
    await expect(updateAdjudicationSettings(a, session.id, { enabled: false })).rejects.toMatchObject({ status: 403 });
    await expect(
      updateAdjudicationSettings(admin, session.id, { adjudicators: ["nobody@nowhere.test"] }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await updateAdjudicationSettings(admin, session.id, { enabled: false })).open).toBe(0);
  });
});
