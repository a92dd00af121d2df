/** Conversation items against the real databases: added by filter, reviewed turn by turn, answered as MLflow's session-level assessments. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getReviewItem, submitLabels } from "@/lib/labeling/review/service";
import { addConversationItems } from "@/lib/labeling/conversations/service";
import { db, uniqueName } from "@/test/db";
import { makeSession, makeTrace, makeUser } from "@/test/labeling";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
});

describe("conversation review", () => {
  it("adds whole conversations by filter, shows their turns in order and attaches answers to the first trace", async () => {
    const reviewer = await makeUser("REVIEWER");
    const { session, exp } = await makeSession(admin, { traces: 0, labelsPerItem: 1, reviewers: [reviewer] });
    const conv = uniqueName("conv");
    const other = uniqueName("conv");
    // Inserted out of order: turns are ordered by time, not by insertion.
    const third = await makeTrace(exp.id, 30, {
      metadata: { "mlflow.trace.session": conv, "mlflow.trace.user": "u1" },
    });
    const first = await makeTrace(exp.id, 10, {
      metadata: { "mlflow.trace.session": conv, "mlflow.trace.user": "u1" },
    });
    const second = await makeTrace(exp.id, 20, {
      metadata: { "mlflow.trace.session": conv, "mlflow.trace.user": "u1" },
    });
    await makeTrace(exp.id, 40, { metadata: { "mlflow.trace.session": other, "mlflow.trace.user": "u2" } });
    await makeTrace(exp.id, 50); // not in any conversation

    const added = await addConversationItems(admin, session.id, { filter: "metadata.`mlflow.trace.user` = 'u1'" });
    expect(added).toMatchObject({ added: 1, alreadyPresent: 0, matched: 1, itemCount: 1 });
    expect(await addConversationItems(admin, session.id, { conversationIds: [conv, other] })).toMatchObject({
      added: 1,
      alreadyPresent: 1,
      itemCount: 2,
    });
    const item = await db().labelingItem.findFirstOrThrow({ where: { sessionId: session.id, traceId: first } });
    // Every turn is linked to the session's run.
    const linked = await db().traceRunLink.findMany({
      where: { runId: session.runId, traceId: { in: [first, second, third] } },
    });
    expect(linked).toHaveLength(3);

    const view = await getReviewItem(reviewer, session.id, item.id);
    expect(view.conversation?.conversationId).toBe(conv);
    expect(view.conversation?.turns.map((t) => t.traceId)).toEqual([first, second, third]);

    const { assessmentIds } = await submitLabels(reviewer, session.id, item.id, {
      answers: { verdict: { value: "good" } },
    });
    const a = await db().assessment.findUniqueOrThrow({ where: { id: assessmentIds[0]! } });
    expect(a.traceId).toBe(first);
    expect(JSON.parse(a.metadata)).toMatchObject({ "mlflow.trace.session": conv });
  });
});
