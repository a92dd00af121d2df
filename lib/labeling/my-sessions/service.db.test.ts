import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { listMyReviewSessions } from "./service";
import { claimNextItem, skipItem, submitLabels } from "../review/service";
import { createLabelSchema } from "../label-schemas/service";
import { addSessionItems } from "../items/service";
import { createLabelingSession, listLabelingSessions } from "../sessions/service";

async function makeUser(role: "ADMIN" | "REVIEWER"): Promise<Actor> {
  const { user } = await createUser(SYSTEM_ACTOR, {
    email: `${uniqueName(role.toLowerCase())}@test.local`,
    role,
    password: "a-long-enough-password",
  });
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

describe("session lists", () => {
  it("count each reviewer's own work and the session's fully labeled items, per session", async () => {
    const admin = await makeUser("ADMIN");
    const [r1, r2] = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const exp = await makeExperiment();
    const traces: string[] = [];
    for (let i = 0; i < 4; i++) {
      traces.push(
        await insertTrace(db(), {
          experimentId: exp.id,
          timestampMs: 1_700_000_000_000 + i,
          root: { name: "chat", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: i }, outputs: { a: i } },
        }),
      );
    }
    await createLabelSchema(admin, {
      experimentId: exp.id,
      name: "ok",
      type: "feedback",
      title: "OK?",
      enableComment: false,
      overwrite: false,
      input: { type: "categorical", options: ["yes", "no"] },
    });
    const make = async (labelsPerItem: number) => {
      const s = await createLabelingSession(admin, {
        experimentId: exp.id,
        name: uniqueName("s"),
        labelSchemas: ["ok"],
        assignedUsers: [r1.email, r2.email],
        labelsPerItem: labelsPerItem,
        openToAllReviewers: false,
      });
      await addSessionItems(admin, s.id, { traceIds: traces });
      return s;
    };
    const single = await make(1);
    const double = await make(2);
    const label = async (who: Actor, sessionId: string) => {
      const { item } = await claimNextItem(who, sessionId);
      await submitLabels(who, sessionId, item!.itemId, { answers: { ok: { value: "yes" } } });
    };
    // One label per item: r1 labels two items and skips one, r2 labels one.
    await label(r1, single.id);
    await label(r1, single.id);
    const { item } = await claimNextItem(r1, single.id);
    await skipItem(r1, single.id, item!.itemId);
    await label(r2, single.id);
    // Two labels per item: only an item both reviewers labeled is done.
    await label(r1, double.id);
    await label(r2, double.id);
    await label(r2, double.id);

    const mine = (who: Actor) =>
      listMyReviewSessions(who, { maxResults: 50 } as never).then((r) =>
        Object.fromEntries(r.sessions.map((s) => [s.id, s])),
      );
    const forR1 = await mine(r1);
    expect(forR1[single.id]).toMatchObject({ totalItems: 4, completed: 2, skipped: 1, doneItems: 3 });
    expect(forR1[double.id]).toMatchObject({ totalItems: 4, completed: 1, skipped: 0, doneItems: 1 });
    const forR2 = await mine(r2);
    expect(forR2[single.id]).toMatchObject({ completed: 1, skipped: 0, doneItems: 3 });
    expect(forR2[double.id]).toMatchObject({ completed: 2, doneItems: 1 });

    const listed = await listLabelingSessions(admin, { experimentId: exp.id } as never);
    expect(listed.sessions.map((s) => [s.id, s.itemCount, s.labelSchemas.map((x) => x.name)])).toEqual([
      [double.id, 4, ["ok"]],
      [single.id, 4, ["ok"]],
    ]);
  });
});
