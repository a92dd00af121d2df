/**
 * The reviewer's own queue on both databases: statuses and counts agree with what "Continue"
 * (claimNextItem) offers at every step; and a submitted answer is its assessment, so an edit of
 * that assessment shows in the results and the review item.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { createLabelSchema } from "@/lib/labeling/label-schemas/service";
import { createLabelingSession } from "@/lib/labeling/sessions/service";
import { addSessionItems } from "@/lib/labeling/items/service";
import { claimNextItem, getReviewItem, saveDraft, skipItem, submitLabels } from "@/lib/labeling/review/service";
import { listMyItems } from "@/lib/labeling/review/my-items";
import { getSessionResults } from "@/lib/labeling/results/service";
import { updateAssessment } from "@/lib/assessments/service";

async function makeUser(role: Role): Promise<Actor> {
  const email = `${uniqueName(role.toLowerCase())}@queue.test`;
  const { user } = await createUser(SYSTEM_ACTOR, { email, role, password: "a-long-enough-password" } as never);
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

let admin: Actor;
let r1: Actor;
let r2: Actor;
let sessionId: string;
let schema: string;

beforeAll(async () => {
  [admin, r1, r2] = await Promise.all([makeUser("ADMIN"), makeUser("REVIEWER"), makeUser("REVIEWER")]);
  const exp = await makeExperiment();
  const traces: string[] = [];
  for (let i = 0; i < 3; i++)
    traces.push(
      await insertTrace(db(), {
        experimentId: exp.id,
        timestampMs: 1_700_000_000_000 + i,
        root: { name: "chat", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `q${i}` }, outputs: {} },
      }),
    );
  schema = uniqueName("ok").replace(/[^A-Za-z0-9_-]/g, "_");
  await createLabelSchema(admin, {
    experimentId: exp.id,
    name: schema,
    type: "feedback",
    title: "OK?",
    enableComment: false,
    overwrite: false,
    input: { type: "categorical", options: ["yes", "no"] },
  });
  const session = await createLabelingSession(admin, {
    experimentId: exp.id,
    name: uniqueName("queue"),
    labelSchemas: [schema],
    assignedUsers: [r1.email, r2.email],
    labelsPerItem: 1,
    openToAllReviewers: false,
  });
  sessionId = session.id;
  await addSessionItems(admin, sessionId, { traceIds: traces });
});

const counts = async (who: Actor) => (await listMyItems(who, sessionId, {})).counts;

describe("the reviewer's queue", () => {
  it("counts to do / draft / skipped / submitted / taken the way Continue offers items", async () => {
    expect(await counts(r1)).toEqual({ total: 3, todo: 3, draft: 0, submitted: 0, skipped: 0, taken: 0 });
    const first = (await claimNextItem(r1, sessionId)).item!;
    await saveDraft(r1, sessionId, first.itemId, { answers: { [schema]: { value: "yes" } } });
    expect(await counts(r1)).toMatchObject({ todo: 2, draft: 1 });
    await skipItem(r1, sessionId, first.itemId);
    expect(await counts(r1)).toMatchObject({ todo: 2, draft: 0, skipped: 1 });
    const skipped = await listMyItems(r1, sessionId, { status: "skipped" });
    expect(skipped.items.map((i) => i.itemId)).toEqual([first.itemId]);

    // A skip frees the slot: r2 gets that item, submits it, and holds the second one. For r1 the
    // second is "taken" (nothing to do), and Continue offers the third.
    const taken = (await claimNextItem(r2, sessionId)).item!;
    expect(taken.itemId).toBe(first.itemId);
    await submitLabels(r2, sessionId, taken.itemId, { answers: { [schema]: { value: "yes" } } });
    const second = (await claimNextItem(r2, sessionId)).item!;
    expect(await counts(r1)).toMatchObject({ todo: 1, taken: 1, skipped: 1 });
    const third = (await claimNextItem(r1, sessionId)).item!;
    expect([first.itemId, second.itemId]).not.toContain(third.itemId);
    await submitLabels(r1, sessionId, third.itemId, { answers: { [schema]: { value: "no" } } });
    expect(await counts(r1)).toEqual({ total: 3, todo: 0, draft: 0, submitted: 1, skipped: 1, taken: 1 });
    // Nothing to do means Continue has nothing either.
    expect((await claimNextItem(r1, sessionId)).item).toBeNull();
    const all = await listMyItems(r1, sessionId, { maxResults: 2 });
    expect(all.items.map((i) => i.position)).toEqual([0, 1]);
    expect(all.nextPageToken).toBeDefined();
  });

  it("reads submitted answers from the assessments: an edit shows in the results and the item", async () => {
    const { rows } = await getSessionResults(admin, sessionId, {});
    const row = rows.find((r) => r.labels.some((l) => l.userId === r1.userId && l.answers[schema]?.value === "no"))!;
    const assessment = await db().assessment.findFirstOrThrow({
      where: { traceId: row.traceId, name: schema, createdById: r1.userId },
    });
    // Nothing is kept on the claim for submitted items.
    const claim = await db().labelingClaim.findFirstOrThrow({ where: { itemId: row.itemId, userId: r1.userId } });
    expect(claim.answers).toBeNull();
    await updateAssessment(admin, row.traceId, assessment.id, { value: "yes" }, ["value"]);
    const after = (await getSessionResults(admin, sessionId, {})).rows.find((r) => r.itemId === row.itemId)!;
    expect(after.labels.find((l) => l.userId === r1.userId)!.answers[schema]).toEqual({ value: "yes" });
    expect((await getReviewItem(r1, sessionId, row.itemId)).claim!.answers).toEqual({ [schema]: { value: "yes" } });
  });
});
