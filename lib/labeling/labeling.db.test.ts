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
import {
  createLabelingSession,
  getLabelingSession,
  listLabelingSessions,
  updateLabelingSession,
} from "@/lib/labeling/sessions/service";
import { ZCreateLabelingSessionRequest, ZUpdateLabelingSessionBody } from "@/lib/labeling/schemas";
import { updateAdjudicationSettings } from "@/lib/labeling/adjudication/service";
import { listMyAdjudicationQueues } from "@/lib/labeling/adjudication/my-queues";
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
    experimentId: exp.id,
    name: "accuracy",
    type: "feedback",
    title: "Is the response factually accurate?",
    enableComment: true,
    overwrite: false,
    input: { type: "categorical", options: ["Accurate", "Partially Accurate", "Inaccurate"] },
  });
  await createLabelSchema(admin, {
    experimentId: exp.id,
    name: "ideal",
    type: "expectation",
    title: "What would be the ideal response?",
    enableComment: false,
    overwrite: false,
    input: { type: "text", maxLength: 200 },
  });
  const session = await createLabelingSession(admin, {
    experimentId: exp.id,
    name: uniqueName("session"),
    labelSchemas: ["accuracy", "ideal"],
    assignedUsers: opts.reviewers.map((r) => r.email),
    labelsPerItem: opts.labelsPerItem ?? 1,
    openToAllReviewers: false,
  });
  return { exp, traceIds, session };
}

describe("labeling sessions", () => {
  it("adds traces by filter and by id without duplicates, links them to the session's run, and removes them", async () => {
    const reviewer = await makeUser("REVIEWER");
    const { traceIds, session } = await setup({ traces: 6, reviewers: [reviewer], feedback: (i) => i % 2 === 0 });
    const byFilter = await addSessionItems(admin, session.id, { filter: "feedback.user_feedback = false" });
    expect(byFilter).toMatchObject({ added: 3, alreadyPresent: 0, itemCount: 3 });
    const again = await addSessionItems(admin, session.id, { traceIds: [traceIds[1], traceIds[0]] });
    expect(again).toMatchObject({ added: 1, alreadyPresent: 1, itemCount: 4 });
    const links = await db().traceRunLink.findMany({ where: { runId: session.runId } });
    expect(links.map((l) => l.traceId).sort()).toEqual([traceIds[0], traceIds[1], traceIds[3], traceIds[5]].sort());
    await expect(addSessionItems(admin, session.id, { traceIds: ["tr-nope"] })).rejects.toMatchObject({ status: 400 });
    expect(await removeSessionItems(admin, session.id, { traceIds: [traceIds[0]] })).toEqual({
      removed: 1,
      itemCount: 3,
    });
    expect(await db().traceRunLink.count({ where: { runId: session.runId } })).toBe(3);
  });

  it("keeps a session's instructions, shows them to reviewers with the item, and clears them when emptied", async () => {
    const reviewer = await makeUser("REVIEWER");
    const { exp, traceIds } = await setup({ traces: 1, reviewers: [] });
    const body = ZCreateLabelingSessionRequest.parse({
      experimentId: exp.id,
      name: uniqueName("instructed"),
      labelSchemas: ["accuracy"],
      assignedUsers: [reviewer.userId],
      instructions: "Judge **accuracy** only; ignore tone.",
    });
    const session = await createLabelingSession(admin, body);
    expect(session.instructions).toBe("Judge **accuracy** only; ignore tone.");
    await addSessionItems(admin, session.id, { traceIds });
    const { item } = await claimNextItem(reviewer, session.id);
    expect(item?.session.instructions).toBe("Judge **accuracy** only; ignore tone.");
    // Other edits leave them alone; blank text removes them.
    await updateLabelingSession(admin, session.id, ZUpdateLabelingSessionBody.parse({ name: "renamed" }));
    expect((await getLabelingSession(reviewer, session.id)).instructions).toBe("Judge **accuracy** only; ignore tone.");
    await updateLabelingSession(admin, session.id, ZUpdateLabelingSessionBody.parse({ instructions: "  " }));
    expect((await getLabelingSession(admin, session.id)).instructions).toBeNull();
    expect(ZCreateLabelingSessionRequest.safeParse({ ...body, instructions: "x".repeat(5001) }).success).toBe(false);
  });

  it("says in plain words which reviewers and questions it cannot find", async () => {
    const { exp } = await setup({ traces: 0, reviewers: [] });
    const base = { experimentId: exp.id, name: uniqueName("s"), labelsPerItem: 1, openToAllReviewers: false };
    await expect(
      createLabelingSession(admin, { ...base, labelSchemas: ["accuracy"], assignedUsers: ["nobody@x.test"] }),
    ).rejects.toMatchObject({
      details: {
        issues: [
          {
            path: "body.assignedUsers",
            message: expect.stringMatching(/'nobody@x.test' is not an active user: invite/),
          },
        ],
      },
    });
    await expect(
      createLabelingSession(admin, { ...base, labelSchemas: ["nope"], assignedUsers: [] }),
    ).rejects.toMatchObject({
      details: { issues: [{ path: "body.labelSchemas", message: expect.stringMatching(/no question named 'nope'/) }] },
    });
  });

  it("lists the sessions a person adjudicates, with the items waiting, for the Review App's start screen", async () => {
    const judge = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    const { session } = await setup({ traces: 0, reviewers: [] });
    await updateAdjudicationSettings(admin, session.id, { enabled: true, adjudicators: [judge.email] });
    expect(await listMyAdjudicationQueues(judge)).toEqual([
      expect.objectContaining({ sessionId: session.id, open: 0, url: `/review/adjudicate/${session.id}` }),
    ]);
    expect(await listMyAdjudicationQueues(other)).toEqual([]);
  });

  it("shows a reviewer only the sessions assigned to them and refuses the rest", async () => {
    const assigned = await makeUser("REVIEWER");
    const outsider = await makeUser("REVIEWER");
    const { exp, session } = await setup({ traces: 1, reviewers: [assigned] });
    expect((await listLabelingSessions(assigned, { experimentId: exp.id })).sessions.map((s) => s.id)).toEqual([
      session.id,
    ]);
    expect((await listLabelingSessions(outsider, { experimentId: exp.id })).sessions).toEqual([]);
    await expect(claimNextItem(outsider, session.id)).rejects.toMatchObject({ status: 404 });
  });

  it("turns each answer into the reviewer's own assessment; resubmitting updates it, never another reviewer's", async () => {
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { traceIds, session } = await setup({ traces: 1, labelsPerItem: 2, reviewers: [r1, r2] });
    await addSessionItems(admin, session.id, { traceIds });
    const a = (await claimNextItem(r1, session.id)).item!;
    const b = (await claimNextItem(r2, session.id)).item!;
    expect(a.itemId).toBe(b.itemId);
    await saveDraft(r1, session.id, a.itemId, { answers: { accuracy: { value: "Accurate" } } });
    expect((await getReviewItem(r1, session.id, a.itemId)).claim?.draft).toEqual({ accuracy: { value: "Accurate" } });
    await expect(
      submitLabels(r1, session.id, a.itemId, { answers: { accuracy: { value: "Maybe" } } }),
    ).rejects.toMatchObject({ status: 400 });
    await submitLabels(r1, session.id, a.itemId, {
      answers: { accuracy: { value: "Inaccurate", comment: "wrong price" }, ideal: { value: "It costs $10." } },
    });
    await submitLabels(r2, session.id, b.itemId, { answers: { accuracy: { value: "Accurate" } } });
    await submitLabels(r1, session.id, a.itemId, { answers: { accuracy: { value: "Partially Accurate" } } });
    const rows = await db().assessment.findMany({
      where: { traceId: traceIds[0], runId: session.runId },
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
      { traceId: traceIds[0], inputs: { question: "q0" }, expectations: { ideal: "It costs $10." } },
    ]);
    const agreement = await getSessionAgreement(admin, session.id);
    expect(agreement.schemas[0]).toMatchObject({ schema: "accuracy", itemsWithMultipleLabels: 1, raters: 2 });
    expect(agreement.schemas[0].disagreements[0]).toMatchObject({ traceId: traceIds[0], score: 1 });
  });

  it("refuses to narrow a schema in use when labels would break, and allows widening", async () => {
    const r1 = await makeUser("REVIEWER");
    const { exp, traceIds, session } = await setup({ traces: 1, reviewers: [r1] });
    await addSessionItems(admin, session.id, { traceIds });
    const item = (await claimNextItem(r1, session.id)).item!;
    await submitLabels(r1, session.id, item.itemId, { answers: { accuracy: { value: "Inaccurate" } } });
    const schema = session.labelSchemas.find((s) => s.name === "accuracy")!;
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
        experimentId: exp.id,
        name: "accuracy",
        type: "feedback",
        title: "x",
        enableComment: false,
        overwrite: false,
        input: { type: "text" },
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("releases an abandoned claim after the timeout, and a skipped item goes to someone else", async () => {
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { traceIds, session } = await setup({ traces: 2, reviewers: [r1, r2] });
    await addSessionItems(admin, session.id, { traceIds });
    const first = (await claimNextItem(r1, session.id)).item!;
    expect((await claimNextItem(r2, session.id)).item!.itemId).not.toBe(first.itemId);
    await skipItem(r2, session.id, (await claimNextItem(r2, session.id)).item!.itemId);
    // r2 has skipped the second item and r1 still holds the first: nothing for r2 ...
    expect((await claimNextItem(r2, session.id)).item).toBeNull();
    // ... until r1's claim is older than the timeout.
    const later = new Date(Date.now() + 60_000);
    expect((await claimNextItem(r2, session.id, { timeoutMs: 30_000, now: later })).item!.itemId).toBe(first.itemId);
    const progress = await getSessionProgress(admin, session.id);
    expect(progress).toMatchObject({ totalItems: 2, done: 0 });
  });
});

describe("the claim queue under concurrency", () => {
  it("two reviewers pulling in parallel from a 1-label-per-item session never label an item twice and lose none", async () => {
    const reviewers = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { traceIds, session } = await setup({ traces: 30, reviewers });
    await addSessionItems(admin, session.id, { traceIds });
    const labeled: Record<string, string[]> = {};
    // Each reviewer runs 3 parallel loops (tabs), each claiming and submitting until the queue is empty.
    const loop = async (who: Actor) => {
      for (;;) {
        const { item } = await claimNextItem(who, session.id);
        if (!item) return;
        await submitLabels(who, session.id, item.itemId, { answers: { accuracy: { value: "Accurate" } } });
        (labeled[item.itemId] ??= []).push(who.userId);
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
    expect(await db().assessment.count({ where: { runId: session.runId } })).toBe(30);
    expect(new Set(items.flatMap((i) => i.claims.map((c) => c.userId)))).toEqual(
      new Set(reviewers.map((r) => r.userId)),
    );
    const progress = await getSessionProgress(admin, session.id);
    expect(progress).toMatchObject({ totalItems: 30, done: 30, inProgress: 0, left: 0 });
  });
});
