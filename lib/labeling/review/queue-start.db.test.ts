/**
 * The queue's start hint (lib/labeling/session-cache/queue-start.ts) on both databases: claims walk from
 * the first item that was not full, a slot freed before it (by another process, which this one
 * does not hear of) is still offered, and a slot freed here makes the walk start over.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/test/db";
import { makeSession, makeUser } from "@/test/labeling";
import { claimNextItem, skipItem, submitLabels } from "@/lib/labeling/review/service";
import { refreshQueueStart } from "@/lib/labeling/review/claims";
import { queueStart } from "@/lib/labeling/session-cache/queue-start";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

describe("the queue's start", () => {
  it("walks from the first open item and still offers a slot freed before it", async () => {
    const [r1, r2] = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const { session, items } = await makeSession(admin, { traces: 5, labelsPerItem: 1, reviewers: [r1, r2] });
    const ids = items.map((i) => i.id);
    // r1 labels the first three items.
    let next = (await claimNextItem(r1, session.id)).item;
    for (let n = 0; n < 3; n++) {
      const answer = await submitLabels(r1, session.id, next!.itemId, {
        answers: { score: { value: 1 } },
        next: n < 2,
      });
      next = answer.next?.item ?? null;
    }
    expect(await refreshQueueStart(session.id, 1)).toBe(3);
    expect(queueStart(session.id)).toBe(3);

    // Another server process frees item 1's slot (this process is not told): r2 gets the items
    // after the start first, then item 1 once those are gone; nothing is lost.
    await db().labelingClaim.deleteMany({ where: { itemId: ids[1]! } });
    const seen: string[] = [];
    let item = (await claimNextItem(r2, session.id)).item;
    while (item) {
      seen.push(item.itemId);
      item = (await submitLabels(r2, session.id, item.itemId, { answers: { score: { value: 2 } }, next: true })).next!
        .item;
    }
    expect(seen).toEqual([ids[3], ids[4], ids[1]]);
    for (const id of ids)
      expect(await db().labelingClaim.count({ where: { itemId: id, status: "COMPLETED" } })).toBe(1);
  });

  it("starts over when a slot is freed in this process", async () => {
    const [r1, r2, r3] = await Promise.all([makeUser("REVIEWER"), makeUser("REVIEWER"), makeUser("REVIEWER")]);
    const { session, items } = await makeSession(admin, { traces: 3, labelsPerItem: 1, reviewers: [r1, r2, r3] });
    const held = (await claimNextItem(r1, session.id)).item!;
    expect(held.itemId).toBe(items[0]!.id);
    expect(await refreshQueueStart(session.id, 1)).toBe(1);
    // r1 skips the item they held: its slot is free again, and the next reviewer gets it first.
    await skipItem(r1, session.id, held.itemId);
    expect(queueStart(session.id)).toBe(0);
    expect((await claimNextItem(r2, session.id)).item!.itemId).toBe(items[0]!.id);
  });
});
