/** Active time and throughput against the real databases: heartbeats capped, items per hour, slowest items. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { submitLabels } from "@/lib/labeling/review/service";
import { getThroughput, recordActiveTime } from "@/lib/labeling/throughput/service";
import { MAX_HEARTBEAT_MS } from "@/lib/labeling/throughput/active-time";
import { makeSession, makeUser } from "@/test/labeling";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

describe("reviewer throughput", () => {
  it("sums capped heartbeats per item and reports items per hour and the slowest items", async () => {
    const [a, b, outsider] = [await makeUser("REVIEWER"), await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { session, items } = await makeSession(admin, { traces: 3, labelsPerItem: 1, reviewers: [a, b] });
    await recordActiveTime(a, session.id, items[0]!.id, { activeMs: 20_000 });
    // One report adds at most MAX_HEARTBEAT_MS, however long the client claims.
    expect(await recordActiveTime(a, session.id, items[0]!.id, { activeMs: 3_000_000 })).toEqual({
      itemId: items[0]!.id,
      activeMs: 20_000 + MAX_HEARTBEAT_MS,
    });
    await recordActiveTime(a, session.id, items[1]!.id, { activeMs: 40_000 });
    await recordActiveTime(b, session.id, items[2]!.id, { activeMs: 10_000 });
    await expect(recordActiveTime(outsider, session.id, items[0]!.id, { activeMs: 1000 })).rejects.toMatchObject({
      status: 404,
    });
    await expect(recordActiveTime(a, session.id, "no-such-item", { activeMs: 1000 })).rejects.toMatchObject({
      status: 404,
    });

    const answer = { answers: { verdict: { value: "good" } } };
    await submitLabels(a, session.id, items[0]!.id, answer);
    await submitLabels(a, session.id, items[1]!.id, answer);
    await submitLabels(b, session.id, items[2]!.id, answer);

    const t = await getThroughput(admin, session.id);
    const ra = t.reviewers.find((r) => r.userId === a.userId)!;
    expect(ra).toMatchObject({ completed: 2, activeMs: 120_000, medianMs: 60_000 });
    expect(ra.itemsPerHour).toBeCloseTo(60); // 2 items in 2 minutes
    expect(t.reviewers.find((r) => r.userId === b.userId)).toMatchObject({
      completed: 1,
      activeMs: 10_000,
      itemsPerHour: 360,
    });
    expect(t.slowest.map((s) => [s.itemId, s.meanMs])).toEqual([
      [items[0]!.id, 80_000],
      [items[1]!.id, 40_000],
      [items[2]!.id, 10_000],
    ]);
    await expect(getThroughput(a, session.id)).rejects.toMatchObject({ status: 403 });
  });
});
