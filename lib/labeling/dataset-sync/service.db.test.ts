import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { listDatasetRecords } from "@/lib/evaluation/datasets/service";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { claimNextItem, submitLabels } from "../review/service";
import { createLabelSchema } from "../label-schemas/service";
import { addSessionItems } from "../items/service";
import { createLabelingSession } from "../sessions/service";
import { syncSessionToDataset } from "./service";

async function makeUser(role: "ADMIN" | "REVIEWER"): Promise<Actor> {
  const { user } = await createUser(SYSTEM_ACTOR, {
    email: `${uniqueName(role.toLowerCase())}@test.local`,
    role,
    password: "a-long-enough-password",
  });
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

/** The reviewer labels the next item with this ideal response; returns the labeled trace id. */
async function labelNext(reviewer: Actor, sessionId: string, ideal: string): Promise<string> {
  const { item } = await claimNextItem(reviewer, sessionId);
  await submitLabels(reviewer, sessionId, item!.itemId, { answers: { ideal: { value: ideal } } });
  return item!.traceId;
}

describe("syncing a labeling session into an evaluation dataset", () => {
  it("creates the dataset from expectation labels, then merges later labels into a new version", async () => {
    const admin = await makeUser("ADMIN");
    const reviewer = await makeUser("REVIEWER");
    const exp = await makeExperiment();
    const traceIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      traceIds.push(
        await insertTrace(db(), {
          experimentId: exp.id,
          timestampMs: 1_700_000_000_000 + i,
          root: {
            name: "chat",
            spanType: "CHAIN",
            startMs: 0,
            durationMs: 5,
            inputs: { question: `q${i}` },
            outputs: { answer: `a${i}` },
          },
        }),
      );
    }
    await createLabelSchema(admin, {
      experimentId: exp.id,
      name: "ideal",
      type: "expectation",
      title: "What would be the ideal response?",
      enableComment: false,
      overwrite: false,
      input: { type: "text", maxLength: 500 },
    });
    const session = await createLabelingSession(admin, {
      experimentId: exp.id,
      name: uniqueName("s"),
      labelSchemas: ["ideal"],
      assignedUsers: [reviewer.email],
      labelsPerItem: 1,
      openToAllReviewers: false,
    });
    await addSessionItems(admin, session.id, { traceIds });
    const first = await labelNext(reviewer, session.id, "ideal one");
    const second = await labelNext(reviewer, session.id, "ideal two");

    const created = await syncSessionToDataset(admin, session.id, { datasetName: "golden" });
    expect(created).toMatchObject({ created: true, version: 1, inserted: 2, skipped: 1 });
    const v1 = await listDatasetRecords(admin, created.dataset.id, { page: 1, pageSize: 50 });
    const bySource = Object.fromEntries(v1.records.map((r) => [r.sourceTraceId, r]));
    expect(Object.keys(bySource).sort()).toEqual([first, second].sort());
    expect(bySource[first]!.expectations).toEqual({ ideal: "ideal one" });
    expect(bySource[first]!.inputs).toEqual({ question: `q${traceIds.indexOf(first)}` });

    const third = await labelNext(reviewer, session.id, "ideal three");
    const merged = await syncSessionToDataset(admin, session.id, { datasetName: "golden" });
    expect(merged).toMatchObject({ created: false, version: 2, inserted: 1 });
    expect(merged.dataset.id).toBe(created.dataset.id);
    const v2 = await listDatasetRecords(admin, created.dataset.id, { page: 1, pageSize: 50 });
    expect(v2.total).toBe(3);
    expect(v2.records.find((r) => r.sourceTraceId === third)!.expectations).toEqual({ ideal: "ideal three" });
    // The first version is still readable as it was.
    expect((await listDatasetRecords(admin, created.dataset.id, { page: 1, pageSize: 50, version: 1 })).total).toBe(2);
    await expect(syncSessionToDataset(reviewer, session.id, { datasetName: "golden" })).rejects.toMatchObject({
      status: 403,
    });
  });
});
