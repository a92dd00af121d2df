/** Gold items against the real databases: known answers typed or taken from expectations, hidden from reviewers, accuracy per reviewer. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getReviewItem, submitLabels } from "@/lib/labeling/review/service";
import { clearGoldAnswers, getGoldAccuracy, setGoldAnswers } from "@/lib/labeling/gold/service";
import { addSessionItems } from "@/lib/labeling/items/service";
import { db } from "@/test/db";
import { makeSession, makeTrace, makeUser } from "@/test/labeling";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

describe("gold items", () => {
  it("measures each reviewer's accuracy per question on items with a known answer", async () => {
    const [a, b] = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { session, items, exp } = await makeSession(admin, { traces: 3, labelsPerItem: 2, reviewers: [a, b] });
    // A fourth trace carries an expert's expectation: the known answer comes from it.
    const withExpectation = await makeTrace(exp.id, 9, { expectation: { name: "verdict", value: "bad" } });
    await addSessionItems(admin, session.id, { traceIds: [withExpectation] });
    const goldFromExpectation = (
      await db().labelingItem.findFirstOrThrow({ where: { sessionId: session.id, traceId: withExpectation } })
    ).id;

    const typed = await setGoldAnswers(admin, session.id, items[0]!.id, { answers: { verdict: "good", score: 7 } });
    expect(typed.answers).toEqual({
      verdict: { value: "good", origin: "TYPED" },
      score: { value: 7, origin: "TYPED" },
    });
    const copied = await setGoldAnswers(admin, session.id, goldFromExpectation, { fromExpectations: true });
    expect(copied.answers).toEqual({ verdict: { value: "bad", origin: "EXPECTATION" } });
    // Invalid known answers and traces without a matching expectation are 400s; reviewers may not mark gold.
    await expect(
      setGoldAnswers(admin, session.id, items[1]!.id, { answers: { verdict: "meh" } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(setGoldAnswers(admin, session.id, items[1]!.id, { fromExpectations: true })).rejects.toMatchObject({
      status: 400,
    });
    await expect(setGoldAnswers(a, session.id, items[1]!.id, { answers: { verdict: "good" } })).rejects.toMatchObject({
      status: 403,
    });

    // The reviewer is not told: the expectation behind the known answer is not shown on the item.
    const seen = await getReviewItem(a, session.id, goldFromExpectation);
    expect(seen.trace.assessments.filter((x) => x.name === "verdict")).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain("gold");

    await submitLabels(a, session.id, items[0]!.id, { answers: { verdict: { value: "good" }, score: { value: 7 } } });
    await submitLabels(a, session.id, goldFromExpectation, { answers: { verdict: { value: "bad" } } });
    await submitLabels(b, session.id, items[0]!.id, { answers: { verdict: { value: "bad" }, score: { value: 3 } } });
    await submitLabels(b, session.id, goldFromExpectation, { answers: { verdict: { value: "bad" } } });
    await submitLabels(b, session.id, items[1]!.id, { answers: { verdict: { value: "bad" } } }); // not gold

    const result = await getGoldAccuracy(admin, session.id);
    expect(result.goldItems).toBe(2);
    const row = (u: Actor, schema: string) => result.accuracy.find((r) => r.userId === u.userId && r.schema === schema);
    expect(row(a, "verdict")).toMatchObject({ answered: 2, correct: 2, accuracy: 1 });
    expect(row(a, "score")).toMatchObject({ answered: 1, correct: 1, accuracy: 1 });
    expect(row(b, "verdict")).toMatchObject({ answered: 2, correct: 1, accuracy: 0.5 });
    expect(row(b, "score")).toMatchObject({ answered: 1, correct: 0, accuracy: 0 });

    await clearGoldAnswers(admin, session.id, goldFromExpectation);
    expect((await getGoldAccuracy(admin, session.id)).goldItems).toBe(1);
  });
});
