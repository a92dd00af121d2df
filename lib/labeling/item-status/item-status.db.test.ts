/** The admin's item table against the real databases: statuses per reviewer, releasing and reassigning claims. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { claimNextItem, skipItem, submitLabels } from "@/lib/labeling/review/service";
import { listItemStatuses, reassignClaim, releaseClaim } from "@/lib/labeling/item-status/service";
import { makeSession, makeUser } from "@/test/labeling";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

describe("admin's item table", () => {
  it("shows each reviewer's status and lets an admin release or reassign a stuck claim", async () => {
    const [a, b, c] = [await makeUser("REVIEWER"), await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { session, items } = await makeSession(admin, { traces: 2, labelsPerItem: 1, reviewers: [a, b, c] });
    // a takes item 0 and walks away; b gets item 1 and submits; nothing is left for c.
    expect((await claimNextItem(a, session.id)).item?.itemId).toBe(items[0]!.id);
    expect((await claimNextItem(b, session.id)).item?.itemId).toBe(items[1]!.id);
    await submitLabels(b, session.id, items[1]!.id, { answers: { verdict: { value: "good" } } });
    expect((await claimNextItem(c, session.id)).item).toBeNull();

    const table = await listItemStatuses(admin, session.id, {});
    expect(table.items.map((i) => [i.labels, i.required, i.reviewers.map((r) => [r.email, r.status])])).toEqual([
      [0, 1, [[a.email, "IN_PROGRESS"]]],
      [1, 1, [[b.email, "COMPLETED"]]],
    ]);
    await expect(listItemStatuses(a, session.id, {})).rejects.toMatchObject({ status: 403 });

    // A submitted label is not a claim to release.
    await expect(releaseClaim(admin, session.id, items[1]!.id, { userId: b.userId })).rejects.toMatchObject({
      status: 409,
    });
    expect(await releaseClaim(admin, session.id, items[0]!.id, { userId: a.email })).toEqual({
      itemId: items[0]!.id,
      released: true,
    });
    expect((await claimNextItem(c, session.id)).item?.itemId).toBe(items[0]!.id);

    // Reassign: from c to a (who skipped it meanwhile would be un-skipped); a full item refuses a new reviewer.
    await skipItem(a, session.id, items[0]!.id);
    await reassignClaim(admin, session.id, items[0]!.id, { fromUserId: c.userId, toUser: a.email });
    expect((await claimNextItem(a, session.id)).item?.itemId).toBe(items[0]!.id);
    await expect(reassignClaim(admin, session.id, items[0]!.id, { toUser: c.email })).rejects.toMatchObject({
      status: 409,
    });
  });
});
