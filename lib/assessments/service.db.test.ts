import { newAssessmentId, newId, newRunId } from "@/lib/ids";
/** Assessment semantics (MLflow's) against both databases. */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { upsertUserAssessment, writeAssessment } from "./internal";
import {
  createAssessment,
  deleteAssessment,
  getAssessment,
  listAssessmentNames,
  listTraceAssessments,
  updateAssessment,
} from "./service";

let dev: Actor;
let reviewer: Actor;
let experimentId = "";
let traceId = "";
let childSpanId = "";

async function actorFor(role: "DEVELOPER" | "REVIEWER"): Promise<Actor> {
  const { user } = await createUser(SYSTEM_ACTOR, {
    email: `${uniqueName(role.toLowerCase())}@t.test`,
    role,
    password: "trace-review-passphrase-9",
  });
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

beforeAll(async () => {
  dev = await actorFor("DEVELOPER");
  reviewer = await actorFor("REVIEWER");
  experimentId = (await makeExperiment()).id;
  traceId = await insertTrace(db(), {
    experimentId,
    timestampMs: 1_700_000_000_000,
    root: {
      name: "root",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 100,
      children: [{ name: "child", spanType: "LLM", startMs: 10, durationMs: 50 }],
    },
    assessments: [
      {
        name: "user_feedback",
        kind: "FEEDBACK",
        value: false,
        rationale: "wrong",
        sourceType: "HUMAN",
        sourceId: "end-user-1",
      },
    ],
  });
  childSpanId = (await db().span.findFirstOrThrow({ where: { traceId, name: "child" } })).spanId;
});

describe("createAssessment", () => {
  it("creates feedback on a span with the signed-in person as the default source", async () => {
    const a = await createAssessment(dev, traceId, {
      name: "accuracy_score",
      kind: "FEEDBACK",
      value: 0.8,
      rationale: "mostly right",
      spanId: childSpanId,
    });
    expect(a.assessmentId).toMatch(/^a-[0-9a-f]{32}$/);
    expect(a).toMatchObject({
      traceId,
      spanId: childSpanId,
      name: "accuracy_score",
      kind: "FEEDBACK",
      value: 0.8,
      rationale: "mostly right",
      valid: true,
      overrides: null,
      createdById: dev.userId,
      error: null,
    });
    expect(a.source).toEqual({ sourceType: "HUMAN", sourceId: dev.name });
    expect(await getAssessment(dev, traceId, a.assessmentId)).toEqual(a);
  });

  it("mirrors runId into metadata and reads it back", async () => {
    const a = await createAssessment(dev, traceId, {
      name: "judge",
      kind: "FEEDBACK",
      value: "yes",
      runId: "r123",
      source: { sourceType: "LLM_JUDGE", sourceId: "openai:/gpt-4o" },
    });
    expect(a.runId).toBe("r123");
    expect(a.metadata["mlflow.assessment.sourceRunId"]).toBe("r123");
    const viaMeta = await createAssessment(dev, traceId, {
      name: "judge2",
      kind: "FEEDBACK",
      value: 1,
      metadata: { "mlflow.assessment.sourceRunId": "r456" },
    });
    expect(viaMeta.runId).toBe("r456");
  });

  it("records an error without a value", async () => {
    const a = await createAssessment(dev, traceId, {
      name: "flaky",
      kind: "FEEDBACK",
      error: { errorCode: "TIMEOUT", errorMessage: "judge timed out", stackTrace: "x".repeat(2000) },
    });
    expect(a.value).toBeNull();
    expect(a.error).toEqual({ errorCode: "TIMEOUT", errorMessage: "judge timed out", stackTrace: "x".repeat(1000) });
  });

  it("refuses bad input, unknown traces and spans, and reviewers", async () => {
    await expect(createAssessment(dev, traceId, { name: "a.b", kind: "FEEDBACK", value: 1 })).rejects.toMatchObject({
      status: 400,
    });
    await expect(createAssessment(dev, traceId, { name: "x", kind: "FEEDBACK" })).rejects.toMatchObject({
      status: 400,
    });
    // Told apart only after the insert's foreign keys refuse it (no lookups on the fast path).
    await expect(createAssessment(dev, "tr-nope", { name: "x", kind: "FEEDBACK", value: 1 })).rejects.toMatchObject({
      status: 404,
      message: "Trace with ID 'tr-nope' not found",
    });
    await expect(
      createAssessment(dev, traceId, { name: "x", kind: "FEEDBACK", value: 1, spanId: "ffffffffffffffff" }),
    ).rejects.toMatchObject({ status: 404, message: `Span 'ffffffffffffffff' not found in trace '${traceId}'` });
    await expect(
      createAssessment(dev, "tr-nope", {
        name: "x",
        kind: "FEEDBACK",
        value: 1,
        overrides: "a-nope",
      }),
    ).rejects.toMatchObject({ status: 404, message: "Trace with ID 'tr-nope' not found" });
    await expect(createAssessment(reviewer, traceId, { name: "x", kind: "FEEDBACK", value: 1 })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("override and delete", () => {
  it("overriding marks the old one invalid; deleting the replacement restores it", async () => {
    const old = await createAssessment(dev, traceId, {
      name: "expected_response",
      kind: "EXPECTATION",
      value: "Rotate keys in settings",
    });
    const replacement = await createAssessment(dev, traceId, {
      name: "expected_response",
      kind: "EXPECTATION",
      value: "Rotate keys under IAM",
      overrides: old.assessmentId,
    });
    expect(replacement.overrides).toBe(old.assessmentId);
    expect((await getAssessment(dev, traceId, old.assessmentId)).valid).toBe(false);
    const all = await listTraceAssessments(dev, traceId);
    expect(all.map((a) => a.assessmentId)).toEqual(
      expect.arrayContaining([old.assessmentId, replacement.assessmentId]),
    );
    await deleteAssessment(dev, traceId, replacement.assessmentId);
    await expect(getAssessment(dev, traceId, replacement.assessmentId)).rejects.toMatchObject({ status: 404 });
    expect((await getAssessment(dev, traceId, old.assessmentId)).valid).toBe(true);
  });

  it("404s when the overridden assessment does not exist", async () => {
    await expect(
      createAssessment(dev, traceId, { name: "y", kind: "FEEDBACK", value: 1, overrides: "a-missing" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("updateAssessment", () => {
  it("applies masked fields, merges metadata and keeps source, span and validity", async () => {
    const a = await createAssessment(dev, traceId, {
      name: "tone",
      kind: "FEEDBACK",
      value: "ok",
      spanId: childSpanId,
      metadata: { a: "1" },
      source: { sourceType: "CODE", sourceId: "tone_scorer" },
    });
    await new Promise((r) => setTimeout(r, 5));
    const u = await updateAssessment(
      dev,
      traceId,
      a.assessmentId,
      { value: "great", rationale: "friendlier", metadata: { b: "2" }, valid: false },
      ["feedback", "rationale", "metadata"],
    );
    expect(u).toMatchObject({
      value: "great",
      rationale: "friendlier",
      metadata: { a: "1", b: "2" },
      spanId: childSpanId,
      source: { sourceType: "CODE", sourceId: "tone_scorer" },
      valid: true,
      createTimeMs: a.createTimeMs,
    });
    expect(u.lastUpdateTimeMs).toBeGreaterThan(a.lastUpdateTimeMs);
    const renamed = await updateAssessment(dev, traceId, a.assessmentId, { name: "tone2" }, ["assessmentName"]);
    expect(renamed.name).toBe("tone2");
    expect(renamed.value).toBe("great");
  });

  it("cannot switch between feedback and expectation", async () => {
    const a = await createAssessment(dev, traceId, { name: "kind_fixed", kind: "FEEDBACK", value: true });
    await expect(updateAssessment(dev, traceId, a.assessmentId, { value: "x" }, ["expectation"])).rejects.toMatchObject(
      { status: 400 },
    );
    await expect(
      updateAssessment(dev, traceId, a.assessmentId, { kind: "EXPECTATION", value: "x" }, []),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      updateAssessment(reviewer, traceId, a.assessmentId, { value: false }, ["feedback"]),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("internal writes", () => {
  it("upsertUserAssessment changes the reviewer's own assessment, never another's", async () => {
    const other = await actorFor("REVIEWER");
    const base = {
      traceId,
      name: "helpful",
      kind: "FEEDBACK" as const,
      source: { sourceType: "HUMAN", sourceId: "r" },
      runId: "session-run",
    };
    const mine = await upsertUserAssessment(db(), { ...base, value: true, createdById: reviewer.userId });
    const theirs = await upsertUserAssessment(db(), { ...base, value: false, createdById: other.userId });
    expect(theirs.assessmentId).not.toBe(mine.assessmentId);
    const again = await db().$transaction((tx) =>
      upsertUserAssessment(tx, { ...base, value: false, rationale: "changed my mind", createdById: reviewer.userId }),
    );
    expect(again.assessmentId).toBe(mine.assessmentId);
    expect(again).toMatchObject({ value: false, rationale: "changed my mind", runId: "session-run" });
    expect((await getAssessment(dev, traceId, theirs.assessmentId)).value).toBe(false);
  });

  it("writeAssessment inserts without a role check", async () => {
    const a = await writeAssessment(db(), {
      traceId,
      name: "exact_match",
      kind: "FEEDBACK",
      value: 1,
      source: { sourceType: "CODE", sourceId: "exact_match" },
    });
    expect(a.source).toEqual({ sourceType: "CODE", sourceId: "exact_match" });
  });
});

describe("listAssessmentNames", () => {
  it("lists distinct (name, kind) of the experiment only", async () => {
    const other = await makeExperiment();
    const otherTrace = await insertTrace(db(), {
      experimentId: other.id,
      timestampMs: 1,
      root: { name: "r", spanType: "CHAIN", startMs: 0, durationMs: 1 },
    });
    await createAssessment(dev, otherTrace, { name: "only_elsewhere", kind: "FEEDBACK", value: 1 });
    const names = await listAssessmentNames(dev, experimentId);
    expect(names).toContainEqual({ name: "user_feedback", kind: "FEEDBACK", run: null });
    expect(names).toContainEqual({ name: "accuracy_score", kind: "FEEDBACK", run: null });
    expect(names.filter((n) => n.name === "user_feedback")).toHaveLength(1);
    expect(names.some((n) => n.name === "only_elsewhere")).toBe(false);
  });

  it("names assessments of a run after their evaluation run, apart from production ones", async () => {
    const exp = await makeExperiment();
    const trace = await insertTrace(db(), {
      experimentId: exp.id,
      timestampMs: 1,
      root: { name: "r", spanType: "CHAIN", startMs: 0, durationMs: 1 },
    });
    const runId = newRunId();
    await db().run.create({ data: { id: runId, experimentId: exp.id, name: "mlflow-run", startTimeMs: 0n } });
    await db().evaluationRun.create({
      data: { id: newId(), experimentId: exp.id, runId, name: "nightly eval", config: "{}" },
    });
    await createAssessment(dev, trace, { name: "correctness", kind: "FEEDBACK", value: true });
    await db().assessment.create({
      data: {
        id: newAssessmentId(),
        traceId: trace,
        name: "correctness",
        kind: "FEEDBACK",
        value: "false",
        sourceType: "LLM_JUDGE",
        runId,
      },
    });
    const names = await listAssessmentNames(dev, exp.id);
    expect(names).toEqual([
      { name: "correctness", kind: "FEEDBACK", run: null },
      { name: "correctness", kind: "FEEDBACK", run: { runId, name: "nightly eval", kind: "EVALUATION" } },
    ]);
  });
});
