/**
 * Labeling services against the real databases (SQLite and PostgreSQL): schemas, sessions,
 * items, the claim queue under concurrency, submissions as assessments, access rules.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { createLabelSchema, updateLabelSchema } from "@/lib/labeling/label-schemas/service";
import { createLabelingSession, listLabelingSessions } from "@/lib/labeling/sessions/service";
import { addSessionItems, removeSessionItems } from "@/lib/labeling/items/service";
import { claimNextItem, getReviewItem, saveDraft, skipItem, submitLabels } from "@/lib/labeling/review/service";
import { getSessionProgress, getSessionResults } from "@/lib/labeling/results/service";
import { listSessionExpectations } from "@/lib/labeling/export/service";
import { getSessionAgreement } from "@/lib/labeling/agreement/service";

async function makeUser(role: Role): Promise<Actor> {
  const email = `${uniqueName(role.toLowerCase())}@test.local`;
  const { user } = await createUser(SYSTEM_ACTOR, { email, role, password: "a-long-enough-password" } as never);
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

async function makeTraces(experimentId: string, n: number, feedback?: (i: number) => boolean): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await insertTrace(db(), {
        experimentId,
        timestampMs: 1_700_000_000_000 + i * 1000,
        root: {
          name: "chat",
          spanType: "CHAIN",
          startMs: 0,
          durationMs: 10,
          inputs: { question: `q${i}` },
          outputs: { answer: `a${i}` },
        },
        assessments: feedback
          ? [{ name: "user_feedback", kind: "FEEDBACK", value: feedback(i), sourceType: "HUMAN", sourceId: "end-user" }]
          : [],
      }),
    );
  }
  return ids;
}

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

async function setup(opts: {
  traces: number;
  labelsPerItem?: number;
  reviewers: Actor[];
  feedback?: (i: number) => boolean;
}) {
  const exp = await makeExperiment();
  const traceIds = await makeTraces(exp.id, opts.traces, opts.feedback);
  await createLabelSchema(admin, {
    experiment_id: exp.id,
    name: "accuracy",
    type: "feedback",
    title: "Is the response factually accurate?",
    enable_comment: true,
    overwrite: false,
    input: { type: "categorical", options: ["Accurate", "Partially Accurate", "Inaccurate"] },
  });
  await createLabelSchema(admin, {
    experiment_id: exp.id,
    name: "ideal",
    type: "expectation",
    title: "What would be the ideal response?",
    enable_comment: false,
    overwrite: false,
    input: { type: "text", max_length: 200 },
  });
  const session = await createLabelingSession(admin, {
    experiment_id: exp.id,
    name: uniqueName("session"),
    label_schemas: ["accuracy", "ideal"],
    assigned_users: opts.reviewers.map((r) => r.email),
    labels_per_item: opts.labelsPerItem ?? 1,
    open_to_all_reviewers: false,
  });
  return { exp, traceIds, session };
}

describe("labeling sessions", () => {
  it("adds traces by filter and by id without duplicates, links them to the session's run, and removes them", async () => {
    const reviewer = await makeUser("REVIEWER");
    const { traceIds, session } = await setup({ traces: 6, reviewers: [reviewer], feedback: (i) => i % 2 === 0 });
    const byFilter = await addSessionItems(admin, session.id, { filter: "feedback.user_feedback = false" });
    expect(byFilter).toMatchObject({ added: 3, already_present: 0, item_count: 3 });
    const again = await addSessionItems(admin, session.id, { trace_ids: [traceIds[1], traceIds[0]] });
    expect(again).toMatchObject({ added: 1, already_present: 1, item_count: 4 });
    const links = await db().traceRunLink.findMany({ where: { runId: session.run_id } });
    expect(links.map((l) => l.traceId).sort()).toEqual([traceIds[0], traceIds[1], traceIds[3], traceIds[5]].sort());
    await expect(addSessionItems(admin, session.id, { trace_ids: ["tr-nope"] })).rejects.toMatchObject({ status: 400 });
    expect(await removeSessionItems(admin, session.id, { trace_ids: [traceIds[0]] })).toEqual({
      removed: 1,
      item_count: 3,
    });
    expect(await db().traceRunLink.count({ where: { runId: session.run_id } })).toBe(3);
  });

  it("shows a reviewer only the sessions assigned to them and refuses the rest", async () => {
    const assigned = await makeUser("REVIEWER");
    const outsider = await makeUser("REVIEWER");
    const { exp, session } = await setup({ traces: 1, reviewers: [assigned] });
    expect((await listLabelingSessions(assigned, { experiment_id: exp.id })).sessions.map((s) => s.id)).toEqual([
      session.id,
    ]);
    expect((await listLabelingSessions(outsider, { experiment_id: exp.id })).sessions).toEqual([]);
    await expect(claimNextItem(outsider, session.id)).rejects.toMatchObject({ status: 404 });
  });

  it("turns each answer into the reviewer's own assessment; resubmitting updates it, never another reviewer's", async () => {
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { traceIds, session } = await setup({ traces: 1, labelsPerItem: 2, reviewers: [r1, r2] });
    await addSessionItems(admin, session.id, { trace_ids: traceIds });
    const a = (await claimNextItem(r1, session.id)).item!;
    const b = (await claimNextItem(r2, session.id)).item!;
    expect(a.item_id).toBe(b.item_id);
    await saveDraft(r1, session.id, a.item_id, { answers: { accuracy: { value: "Accurate" } } });
    expect((await getReviewItem(r1, session.id, a.item_id)).claim?.draft).toEqual({ accuracy: { value: "Accurate" } });
    await expect(
      submitLabels(r1, session.id, a.item_id, { answers: { accuracy: { value: "Maybe" } } }),
    ).rejects.toMatchObject({ status: 400 });
    await submitLabels(r1, session.id, a.item_id, {
      answers: { accuracy: { value: "Inaccurate", comment: "wrong price" }, ideal: { value: "It costs $10." } },
    });
    await submitLabels(r2, session.id, b.item_id, { answers: { accuracy: { value: "Accurate" } } });
    await submitLabels(r1, session.id, a.item_id, { answers: { accuracy: { value: "Partially Accurate" } } });
    const rows = await db().assessment.findMany({
      where: { traceId: traceIds[0], runId: session.run_id },
      orderBy: { name: "asc" },
    });
    const mine = rows.filter((r) => r.createdById === r1.userId);
    expect(mine.map((r) => [r.name, r.kind, JSON.parse(r.value!), r.sourceType, r.sourceId])).toEqual([
      ["accuracy", "FEEDBACK", "Partially Accurate", "HUMAN", r1.email],
      ["ideal", "EXPECTATION", "It costs $10.", "HUMAN", r1.email],
    ]);
    expect(rows.filter((r) => r.createdById === r2.userId).map((r) => JSON.parse(r.value!))).toEqual(["Accurate"]);
    const results = await getSessionResults(admin, session.id, {});
    expect(results.rows[0].labels.map((l) => [l.email, l.answers.accuracy.value]).sort()).toEqual(
      [
        [r1.email, "Partially Accurate"],
        [r2.email, "Accurate"],
      ].sort(),
    );
    expect(await listSessionExpectations(session.id)).toMatchObject([
      { trace_id: traceIds[0], inputs: { question: "q0" }, expectations: { ideal: "It costs $10." } },
    ]);
    const agreement = await getSessionAgreement(admin, session.id);
    expect(agreement.schemas[0]).toMatchObject({ schema: "accuracy", items_with_multiple_labels: 1, raters: 2 });
    expect(agreement.schemas[0].disagreements[0]).toMatchObject({ trace_id: traceIds[0], score: 1 });
  });

  it("refuses to narrow a schema in use when labels would break, and allows widening", async () => {
    const r1 = await makeUser("REVIEWER");
    const { exp, traceIds, session } = await setup({ traces: 1, reviewers: [r1] });
    await addSessionItems(admin, session.id, { trace_ids: traceIds });
    const item = (await claimNextItem(r1, session.id)).item!;
    await submitLabels(r1, session.id, item.item_id, { answers: { accuracy: { value: "Inaccurate" } } });
    const schema = session.label_schemas.find((s) => s.name === "accuracy")!;
    await expect(
      updateLabelSchema(admin, schema.id, {
        input: { type: "categorical", options: ["Accurate", "Partially Accurate"] },
      } as never),
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/not valid under the new input.*"Inaccurate"/),
    });
    const widened = await updateLabelSchema(admin, schema.id, {
      input: { type: "categorical", options: ["Accurate", "Partially Accurate", "Inaccurate", "Unsure"] },
    } as never);
    expect(widened.input).toEqual({
      type: "categorical",
      options: ["Accurate", "Partially Accurate", "Inaccurate", "Unsure"],
    });
    await expect(
      createLabelSchema(admin, {
        experiment_id: exp.id,
        name: "accuracy",
        type: "feedback",
        title: "x",
        enable_comment: false,
        overwrite: false,
        input: { type: "text" },
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("releases an abandoned claim after the timeout, and a skipped item goes to someone else", async () => {
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { traceIds, session } = await setup({ traces: 2, reviewers: [r1, r2] });
    await addSessionItems(admin, session.id, { trace_ids: traceIds });
    const first = (await claimNextItem(r1, session.id)).item!;
    expect((await claimNextItem(r2, session.id)).item!.item_id).not.toBe(first.item_id);
    await skipItem(r2, session.id, (await claimNextItem(r2, session.id)).item!.item_id);
    // r2 has skipped the second item and r1 still holds the first: nothing for r2 ...
    expect((await claimNextItem(r2, session.id)).item).toBeNull();
    // ... until r1's claim is older than the timeout.
    const later = new Date(Date.now() + 60_000);
    expect((await claimNextItem(r2, session.id, { timeoutMs: 30_000, now: later })).item!.item_id).toBe(first.item_id);
    const progress = await getSessionProgress(admin, session.id);
    expect(progress).toMatchObject({ total_items: 2, done: 0 });
  });
});

describe("the claim queue under concurrency", () => {
  it("two reviewers pulling in parallel from a 1-label-per-item session never label an item twice and lose none", async () => {
    const reviewers = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { traceIds, session } = await setup({ traces: 30, reviewers });
    await addSessionItems(admin, session.id, { trace_ids: traceIds });
    const labeled: Record<string, string[]> = {};
    // Each reviewer runs 3 parallel loops (tabs), each claiming and submitting until the queue is empty.
    const loop = async (who: Actor) => {
      for (;;) {
        const { item } = await claimNextItem(who, session.id);
        if (!item) return;
        await submitLabels(who, session.id, item.item_id, { answers: { accuracy: { value: "Accurate" } } });
        (labeled[item.item_id] ??= []).push(who.userId);
      }
    };
    await Promise.all(reviewers.flatMap((r) => [loop(r), loop(r), loop(r)]));
    const items = await db().labelingItem.findMany({ where: { sessionId: session.id }, include: { claims: true } });
    expect(items).toHaveLength(30);
    for (const item of items) {
      expect(
        item.claims.filter((c) => c.status === "COMPLETED"),
        item.id,
      ).toHaveLength(1);
    }
    // Every item labeled exactly once (a loop resuming its own claim may report the same item
    // twice for the same reviewer, but never for two reviewers).
    expect(Object.keys(labeled).sort()).toEqual(items.map((i) => i.id).sort());
    for (const users of Object.values(labeled)) expect(new Set(users).size).toBe(1);
    expect(await db().assessment.count({ where: { runId: session.run_id } })).toBe(30);
    expect(new Set(items.flatMap((i) => i.claims.map((c) => c.userId)))).toEqual(
      new Set(reviewers.map((r) => r.userId)),
    );
    const progress = await getSessionProgress(admin, session.id);
    expect(progress).toMatchObject({ total_items: 30, done: 30, in_progress: 0, left: 0 });
  });
});
