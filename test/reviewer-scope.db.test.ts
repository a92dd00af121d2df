/**
 * Reviewer data scope on both databases: a Reviewer reads only the traces of their labeling
 * sessions (with spans and end-user feedback), never other reviewers' labels unless the session
 * reveals them after this reviewer submitted; developers are not limited.
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
import { claimNextItem, getReviewItem, submitLabels } from "@/lib/labeling/review/service";
import { batchGetTraceInfos, getTraceWithSpans } from "@/lib/traces/service";
import { searchTraces } from "@/lib/traces/search/service";
import { getAssessment, listTraceAssessments } from "@/lib/assessments/service";
import { getExperiment, listExperiments } from "@/lib/experiments/service";

async function makeUser(role: Role): Promise<Actor> {
  const email = `${uniqueName(role.toLowerCase())}@scope.test`;
  const { user } = await createUser(SYSTEM_ACTOR, { email, role, password: "a-long-enough-password" } as never);
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

const trace = (experimentId: string, i: number) =>
  insertTrace(db(), {
    experimentId,
    timestampMs: 1_700_000_000_000 + i,
    root: { name: "chat", spanType: "CHAIN", startMs: 0, durationMs: 5, inputs: { q: `q${i}` }, outputs: { a: i } },
    assessments: [{ name: "user_feedback", kind: "FEEDBACK", value: true, sourceType: "HUMAN", sourceId: "end-user" }],
  });

let admin: Actor;
let dev: Actor;
let r1: Actor;
let r2: Actor;
let outsider: Actor;
let exp: { id: string };
let otherExp: { id: string };
let inSession: string;
let notInSession: string;
let otherTrace: string;
let sessionId: string;
let revealId: string;

beforeAll(async () => {
  [admin, dev, r1, r2, outsider] = await Promise.all([
    makeUser("ADMIN"),
    makeUser("DEVELOPER"),
    makeUser("REVIEWER"),
    makeUser("REVIEWER"),
    makeUser("REVIEWER"),
  ]);
  exp = await makeExperiment();
  otherExp = await makeExperiment();
  [inSession, notInSession] = [await trace(exp.id, 1), await trace(exp.id, 2)];
  otherTrace = await trace(otherExp.id, 3);
  await createLabelSchema(admin, {
    experimentId: exp.id,
    name: "accuracy",
    type: "feedback",
    title: "Accurate?",
    enableComment: true,
    overwrite: false,
    input: { type: "categorical", options: ["yes", "no"] },
  });
  const mk = async (reveal: boolean) => {
    const s = await createLabelingSession(admin, {
      experimentId: exp.id,
      name: uniqueName("scope"),
      labelSchemas: ["accuracy"],
      assignedUsers: [r1.email, r2.email],
      labelsPerItem: 2,
      openToAllReviewers: false,
      revealLabelsAfterSubmit: reveal,
    });
    await addSessionItems(admin, s.id, { traceIds: [inSession] });
    return s.id;
  };
  sessionId = await mk(false);
  revealId = await mk(true);
});

describe("reviewer scope", () => {
  it("reads only traces of assigned sessions, with spans and end-user feedback", async () => {
    const t = await getTraceWithSpans(r1, inSession);
    expect(t.spans.length).toBeGreaterThan(0);
    expect(t.info.assessments.map((a) => a.name)).toContain("user_feedback");
    await expect(getTraceWithSpans(r1, notInSession)).rejects.toMatchObject({ status: 404 });
    await expect(getTraceWithSpans(r1, otherTrace)).rejects.toMatchObject({ status: 404 });
    await expect(getTraceWithSpans(outsider, inSession)).rejects.toMatchObject({ status: 404 });
    await expect(listTraceAssessments(outsider, inSession)).rejects.toMatchObject({ status: 404 });
    const found = await searchTraces(r1, { experimentIds: [exp.id, otherExp.id], maxResults: 100 });
    expect(found.traces.map((x) => x.traceId)).toEqual([inSession]);
    expect((await searchTraces(outsider, { experimentIds: [exp.id], maxResults: 100 })).traces).toEqual([]);
    expect((await batchGetTraceInfos(r1, [inSession, notInSession, otherTrace])).map((x) => x.traceId)).toEqual([
      inSession,
    ]);
    expect((await listExperiments(r1, { take: 1000 })).map((e) => e.id)).toContain(exp.id);
    expect((await listExperiments(r1, { take: 1000 })).map((e) => e.id)).not.toContain(otherExp.id);
    await expect(getExperiment(r1, otherExp.id)).rejects.toMatchObject({ status: 404 });
    // Developers are not limited.
    expect((await searchTraces(dev, { experimentIds: [exp.id], maxResults: 100 })).traces).toHaveLength(2);
    expect((await getTraceWithSpans(dev, otherTrace)).info.traceId).toBe(otherTrace);
  });

  it("hides another reviewer's labels, unless the session reveals them after this reviewer submitted", async () => {
    const a = (await claimNextItem(r1, sessionId)).item!;
    await submitLabels(r1, sessionId, a.itemId, { answers: { accuracy: { value: "no", comment: "r1's secret" } } });
    const labels = await db().assessment.findMany({ where: { traceId: inSession, name: "accuracy" } });
    expect(labels).toHaveLength(1);

    const names = async (who: Actor) => (await getTraceWithSpans(who, inSession)).info.assessments.map((x) => x.name);
    expect(await names(r1)).toContain("accuracy");
    expect(await names(r2)).not.toContain("accuracy");
    expect((await listTraceAssessments(r2, inSession)).map((x) => x.name)).not.toContain("accuracy");
    await expect(getAssessment(r2, inSession, labels[0]!.id)).rejects.toMatchObject({ status: 404 });
    const r2Found = await searchTraces(r2, { experimentIds: [exp.id], maxResults: 10 });
    expect(r2Found.traces[0]!.assessments.map((x) => x.name)).not.toContain("accuracy");
    expect(await names(dev)).toContain("accuracy");

    // The revealing session: r1 labels there too; r2 sees it only after submitting the item.
    const b = (await claimNextItem(r1, revealId)).item!;
    await submitLabels(r1, revealId, b.itemId, { answers: { accuracy: { value: "yes", comment: "r1 again" } } });
    const c = (await claimNextItem(r2, revealId)).item!;
    expect(c.trace.assessments.filter((x) => x.name === "accuracy")).toEqual([]);
    await submitLabels(r2, revealId, c.itemId, { answers: { accuracy: { value: "no" } } });
    const after = await getReviewItem(r2, revealId, c.itemId);
    // r1's label from the revealing session, r2's own; never r1's from the non-revealing session.
    const seen = after.trace.assessments.filter((x) => x.name === "accuracy").map((x) => x.rationale ?? x.value);
    expect(seen).toHaveLength(2);
    const fromApi = (await listTraceAssessments(r2, inSession)).filter((x) => x.name === "accuracy");
    expect(fromApi).toHaveLength(2);
    expect(JSON.stringify(fromApi)).not.toContain("r1's secret");
  });
});
