/**
 * Submit and Next on the driver path (lib/labeling/review/submit.ts, lib/db/driver.ts) on both
 * databases: the assessment a submit writes, resubmission, the slot rule for reviewers without
 * a claim (also when they race), and the remembered session forgotten on edits.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { SOURCE_RUN_ID_METADATA_KEY } from "@/lib/assessments/schemas";
import { db } from "@/test/db";
import { makeSession, makeUser } from "@/test/labeling";
import { updateLabelSchema } from "@/lib/labeling/label-schemas/service";
import { updateLabelingSession } from "@/lib/labeling/sessions/service";
import {
  LABELING_SESSION_METADATA_KEY,
  claimNextItem,
  getReviewItem,
  skipItem,
  submitLabels,
} from "@/lib/labeling/review/service";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

describe("submit through the driver", () => {
  it("writes each answer as the reviewer's assessment and updates that one on resubmission", async () => {
    const r1 = await makeUser("REVIEWER");
    const { session, traceIds } = await makeSession(admin, { traces: 2, labelsPerItem: 1, reviewers: [r1] });
    const item = (await claimNextItem(r1, session.id)).item!;
    expect(item.progress).toEqual({ totalItems: 2, completed: 0, skipped: 0 });
    const first = await submitLabels(r1, session.id, item.itemId, {
      answers: { verdict: { value: "good", comment: "fine" }, score: { value: 7 } },
      next: true,
    });
    // `next: true`: the reviewer's next item comes with the answer, claimed.
    expect(first.next!.item).toMatchObject({ position: 1, claim: { status: "IN_PROGRESS" } });
    expect(first.next!.progress).toEqual({ totalItems: 2, completed: 1, skipped: 0 });
    const rows = await db().assessment.findMany({ where: { traceId: traceIds[0] }, orderBy: { name: "asc" } });
    expect(rows.map((a) => [a.name, a.kind, a.value, a.rationale, a.sourceType, a.sourceId])).toEqual([
      ["score", "FEEDBACK", "7", null, "HUMAN", r1.email],
      ["verdict", "EXPECTATION", '"good"', "fine", "HUMAN", r1.email],
    ]);
    for (const a of rows) {
      expect(a).toMatchObject({ runId: session.runId, createdById: r1.userId, valid: true, spanId: null });
      expect(JSON.parse(a.metadata)).toEqual({
        [LABELING_SESSION_METADATA_KEY]: session.id,
        [SOURCE_RUN_ID_METADATA_KEY]: session.runId,
      });
      expect(a.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }

    // A resubmission changes the same assessments (metadata merged), never adds one.
    const verdict = rows.find((a) => a.name === "verdict")!;
    await db().assessment.update({
      where: { id: verdict.id },
      data: { metadata: JSON.stringify({ ...JSON.parse(verdict.metadata), note: "kept" }) },
    });
    const again = await submitLabels(r1, session.id, item.itemId, { answers: { verdict: { value: "bad" } } });
    expect(again.assessmentIds).toEqual([verdict.id]);
    const after = await db().assessment.findMany({ where: { traceId: traceIds[0] } });
    expect(after).toHaveLength(2);
    const changed = after.find((a) => a.id === verdict.id)!;
    expect(changed).toMatchObject({ value: '"bad"', rationale: null });
    expect(JSON.parse(changed.metadata)).toMatchObject({ note: "kept", [LABELING_SESSION_METADATA_KEY]: session.id });
    expect(first.assessmentIds).toContain(verdict.id);

    // The item view reads them back, and the progress counts the submit.
    const view = await getReviewItem(r1, session.id, item.itemId);
    expect(view.claim).toMatchObject({
      status: "COMPLETED",
      answers: { verdict: { value: "bad" }, score: { value: 7 } },
    });
    expect(view.progress).toEqual({ totalItems: 2, completed: 1, skipped: 0 });
    expect(view.trace.assessments.filter((a) => a.mine)).toHaveLength(2);
    expect(view.trace.spans[0]).toMatchObject({ inputs: { question: "q0" }, outputs: { answer: "a0" } });
    // Nanoseconds as exact text (both databases hand 64-bit integers over without rounding).
    expect(view.trace.spans[0]!.startTimeNs).toBe("1700000000000000000");
  });

  it("takes a free slot for a reviewer without a claim, refuses one when the item is full and writes nothing then", async () => {
    const [r1, r2, r3] = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const { session, items } = await makeSession(admin, { traces: 1, labelsPerItem: 1, reviewers: [r1, r2, r3] });
    const itemId = items[0]!.id;
    // r2 skipped it first: the skip is dropped and the submit takes the free slot.
    await skipItem(r2, session.id, itemId);
    await submitLabels(r2, session.id, itemId, { answers: { score: { value: 1 } } });
    await expect(submitLabels(r3, session.id, itemId, { answers: { score: { value: 2 } } })).rejects.toThrow(
      ConflictError,
    );
    expect(await db().labelingClaim.count({ where: { itemId, userId: r3.userId } })).toBe(0);
    expect(await db().assessment.count({ where: { createdById: r3.userId } })).toBe(0);
    await expect(submitLabels(r1, session.id, "no-such-item", { answers: { score: { value: 2 } } })).rejects.toThrow(
      NotFoundError,
    );
    // With `next: true` too (on PostgreSQL the next claim went with the submit, and is rolled back).
    await expect(
      submitLabels(r1, session.id, "no-such-item", { answers: { score: { value: 2 } }, next: true }),
    ).rejects.toThrow(NotFoundError);
    expect(await db().labelingClaim.count({ where: { userId: r1.userId } })).toBe(0);
  });

  it("gives an item exactly labelsPerItem labels when reviewers without claims submit at once", async () => {
    const reviewers = await Promise.all(Array.from({ length: 6 }, () => makeUser("REVIEWER")));
    const { session, items, traceIds } = await makeSession(admin, { traces: 1, labelsPerItem: 2, reviewers });
    const results = await Promise.allSettled(
      reviewers.map((r) => submitLabels(r, session.id, items[0]!.id, { answers: { score: { value: 3 } } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((x) => x.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect(await db().labelingClaim.count({ where: { itemId: items[0]!.id, status: "COMPLETED" } })).toBe(2);
    expect(await db().assessment.count({ where: { traceId: traceIds[0], runId: session.runId } })).toBe(2);
  });
});

describe("submit with next: true, claimed in the submit's transaction", () => {
  it("refuses a skipped reviewer's submit on a full item and keeps the skip", async () => {
    const [r1, r2] = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const { session, items } = await makeSession(admin, { traces: 2, labelsPerItem: 1, reviewers: [r1, r2] });
    const itemId = items[0]!.id;
    await skipItem(r2, session.id, itemId);
    await submitLabels(r1, session.id, itemId, { answers: { score: { value: 1 } } });
    await expect(
      submitLabels(r2, session.id, itemId, { answers: { score: { value: 2 } }, next: true }),
    ).rejects.toThrow(ConflictError);
    const claims = await db().labelingClaim.findMany({ where: { itemId }, orderBy: { status: "asc" } });
    expect(claims.map((c) => [c.userId, c.status])).toEqual([
      [r1.userId, "COMPLETED"],
      [r2.userId, "SKIPPED"],
    ]);
    expect(await db().assessment.count({ where: { createdById: r2.userId } })).toBe(0);
    // The refused submit took no next item either (its claim went back with the rollback).
    expect(await db().labelingClaim.count({ where: { userId: r2.userId, status: "IN_PROGRESS" } })).toBe(0);
  });

  it("answers the reviewer's own claim in progress, else a new one, else nothing", async () => {
    const r1 = await makeUser("REVIEWER");
    const { session, items } = await makeSession(admin, { traces: 2, labelsPerItem: 1, reviewers: [r1] });
    const held = (await claimNextItem(r1, session.id)).item!;
    expect(held.itemId).toBe(items[0]!.id);
    // Submitted by link (no claim on it): the slot is taken, and Next resumes the held claim.
    const viaLink = await submitLabels(r1, session.id, items[1]!.id, { answers: { score: { value: 4 } }, next: true });
    expect(viaLink.next!.item).toMatchObject({ itemId: held.itemId, claim: { status: "IN_PROGRESS" } });
    const last = await submitLabels(r1, session.id, held.itemId, { answers: { score: { value: 5 } }, next: true });
    expect(last.next).toEqual({ item: null, progress: { totalItems: 2, completed: 2, skipped: 0 } });
    const claims = await db().labelingClaim.findMany({ where: { userId: r1.userId } });
    expect(claims.map((c) => c.status)).toEqual(["COMPLETED", "COMPLETED"]);
  });

  it("lets one reviewer submit two held items at once from two tabs, each moving on", async () => {
    const r1 = await makeUser("REVIEWER");
    const { session, items } = await makeSession(admin, { traces: 4, labelsPerItem: 1, reviewers: [r1] });
    const a = (await claimNextItem(r1, session.id)).item!.itemId;
    // A second claim in progress (another tab that opened an item by link and started on it).
    const b = items[1]!.id;
    await db().labelingClaim.create({
      data: { id: `claim-${b}`, itemId: b, userId: r1.userId, status: "IN_PROGRESS" },
    });
    // Each tab's transaction holds its item and may find the other's claim in progress: neither waits for it.
    const [fromA, fromB] = await Promise.all([
      submitLabels(r1, session.id, a, { answers: { score: { value: 1 } }, next: true }),
      submitLabels(r1, session.id, b, { answers: { score: { value: 2 } }, next: true }),
    ]);
    // Each is offered an item it holds: the other tab's (if it looked first) or a new one.
    const claims = await db().labelingClaim.findMany({ where: { userId: r1.userId } });
    for (const next of [fromA.next!.item, fromB.next!.item]) {
      expect(next).not.toBeNull();
      expect(claims.map((c) => c.itemId)).toContain(next!.itemId);
    }
    expect(
      claims
        .filter((c) => c.status === "COMPLETED")
        .map((c) => c.itemId)
        .sort(),
    ).toEqual([a, b].sort());
    expect(new Set(claims.map((c) => c.itemId)).size).toBe(claims.length);
  });

  it("gives every item exactly labelsPerItem labels when reviewers work the queue at once", async () => {
    const reviewers = await Promise.all(Array.from({ length: 5 }, () => makeUser("REVIEWER")));
    const { session, items, traceIds } = await makeSession(admin, { traces: 6, labelsPerItem: 2, reviewers });
    const seen = new Map<string, string[]>();
    await Promise.all(
      reviewers.map(async (r) => {
        let item = (await claimNextItem(r, session.id)).item;
        while (item) {
          seen.set(r.userId, [...(seen.get(r.userId) ?? []), item.itemId]);
          const done = await submitLabels(r, session.id, item.itemId, {
            answers: { score: { value: 1 }, verdict: { value: "good" } },
            next: true,
          });
          item = done.next!.item;
        }
      }),
    );
    // Nobody was handed an item twice, and each item got its two reviewers and their labels.
    for (const ids of seen.values()) expect(new Set(ids).size).toBe(ids.length);
    for (const item of items) {
      const claims = await db().labelingClaim.findMany({ where: { itemId: item.id } });
      expect(claims.map((c) => c.status)).toEqual(["COMPLETED", "COMPLETED"]);
    }
    for (const traceId of traceIds)
      expect(await db().assessment.count({ where: { traceId, runId: session.runId } })).toBe(4);
  });
});

describe("the remembered session", () => {
  it("is forgotten when the session or a question changes", async () => {
    const [r1, r2] = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const { session } = await makeSession(admin, { traces: 3, labelsPerItem: 1, reviewers: [r1, r2] });
    const item = (await claimNextItem(r1, session.id)).item!;
    expect(item.schemas.find((s) => s.name === "score")!.title).toBe("Score");
    // r1 taken off the session: refused at once, though their session was just remembered.
    await updateLabelingSession(admin, session.id, { assignedUsers: [r2.email] });
    await expect(claimNextItem(r1, session.id)).rejects.toThrow(NotFoundError);
    await expect(submitLabels(r1, session.id, item.itemId, { answers: { score: { value: 1 } } })).rejects.toThrow(
      NotFoundError,
    );
    // A question's new title shows on the next item at once.
    const score = item.schemas.find((s) => s.name === "score")!;
    await updateLabelSchema(admin, score.id, { title: "Score (0-10)" });
    const next = (await claimNextItem(r2, session.id)).item!;
    expect(next.schemas.find((s) => s.name === "score")!.title).toBe("Score (0-10)");
    // labelsPerItem raised: the next submit of r2 counts with the new quota.
    await updateLabelingSession(admin, session.id, { labelsPerItem: 2 });
    expect((await getReviewItem(r2, session.id, next.itemId)).session.labelsPerItem).toBe(2);
  });
});
