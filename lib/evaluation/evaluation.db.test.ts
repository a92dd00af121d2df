/**
 * The last step of the human-feedback workflow, end to end on the real database (SQLite and
 * PostgreSQL): expert labels from a labeling session become a dataset, and an evaluation run
 * with the Correctness judge (a real OpenAI-compatible server on 127.0.0.1) scores it, storing
 * one assessment per trace. Plus: judge timeouts and garbage answers stay row errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAssessment } from "@/lib/assessments/internal";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import {
  createDataset,
  listDatasetRecords,
  mergeDatasetRecords,
  updateDatasetRecord,
  exportDatasetJsonl,
  getDataset,
} from "@/lib/evaluation/datasets/service";
import { getJudgeSettings, resolveJudgeEndpoint, updateJudgeSettings } from "@/lib/evaluation/judge-settings/service";
import { startFakeChatServer, type FakeChatServer } from "@/lib/evaluation/judges/testing/fake-chat-server";
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/bootstrap/worker";
import { compareRuns, getEvaluationRun, listRunRows } from "@/lib/evaluation/runs/service";
import { ZCreateEvaluationRunBody, type TCreateEvaluationRunInput } from "@/lib/evaluation/schemas";
import { newId, newRunId } from "@/lib/ids";
import { getAllowedHosts, setAllowedHosts } from "@/lib/allowed-hosts/service";
import { createUser } from "@/lib/users/service";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";

let server: FakeChatServer;
let admin: Actor;
let dev: Actor;
const MODEL = "judge-under-test";

beforeAll(async () => {
  // Runs are jobs: this process's worker runs them, as a server's does.
  await startBackgroundWork();
  server = await startFakeChatServer();
  const mk = async (role: "ADMIN" | "DEVELOPER" | "REVIEWER") => {
    const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName(role.toLowerCase())}@eval.test`, role });
    return { userId: user.id, email: user.email, name: user.name, role, via: "session" } as Actor;
  };
  admin = await mk("ADMIN");
  dev = await mk("DEVELOPER");
  // The fake judge and apps run on 127.0.0.1: allowed through the real setting, as an admin would.
  await setAllowedHosts(admin, { hosts: ["127.0.0.1"] });
  // Short timeout and one retry keep the timeout case quick.
  await updateJudgeSettings(admin, {
    baseUrl: server.baseUrl,
    model: MODEL,
    apiKey: "sk-judge-secret-1234",
    timeoutMs: 800,
    maxRetries: 1,
  });
});
afterAll(async () => {
  await stopBackgroundWork();
  await server.close();
});

const runBody = (b: TCreateEvaluationRunInput) => ZCreateEvaluationRunBody.parse(b);

describe("the judge API key at rest", () => {
  it("is stored encrypted, never returned, and a legacy plaintext key is encrypted on first read", async () => {
    const raw = async () => (await db().appSetting.findUnique({ where: { key: "judge.api_key" } }))!.value;
    expect(await raw()).toMatch(/^enc:v1:/);
    expect(await raw()).not.toContain("judge-secret");
    expect((await resolveJudgeEndpoint())!.apiKey).toBe("sk-judge-secret-1234");
    expect(JSON.stringify(await getJudgeSettings(dev))).not.toContain("judge-secret");
    // A key saved by an older version, in clear: read as is, then stored encrypted.
    await db().appSetting.update({ where: { key: "judge.api_key" }, data: { value: "sk-judge-secret-1234" } });
    expect((await resolveJudgeEndpoint())!.apiKey).toBe("sk-judge-secret-1234");
    expect(await raw()).toMatch(/^enc:v1:/);
  });
});

async function qaTrace(experimentId: string, question: string, answer: string) {
  return insertTrace(db(), {
    experimentId,
    timestampMs: Date.now(),
    root: {
      name: "qa",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 120,
      inputs: { question },
      outputs: answer,
      children: [{ name: "llm", spanType: "CHAT_MODEL", startMs: 5, durationMs: 100 }],
    },
  });
}

describe("evaluation: labels → dataset → judged run", () => {
  it("turns a labeling session's expectation labels into a dataset and scores it with Correctness", async () => {
    const exp = await makeExperiment();
    const reviewer = (await createUser(SYSTEM_ACTOR, { email: `${uniqueName("rev")}@eval.test`, role: "REVIEWER" }))
      .user;
    const t1 = await qaTrace(exp.id, "What is the capital of France?", "The capital of France is Paris.");
    const t2 = await qaTrace(exp.id, "What is 2 + 2?", "It is 5.");
    const t3 = await qaTrace(exp.id, "Who wrote Hamlet?", "Hamlet was written by William Shakespeare.");
    const unlabelled = await qaTrace(exp.id, "Unlabelled?", "whatever");

    // The labeling session as helper C's service stores it: a Run, the session, its items, and
    // the reviewer's expectation labels carrying the session's run id.
    const sessionRunId = newRunId();
    const sessionId = newId();
    await db().run.create({
      data: { id: sessionRunId, experimentId: exp.id, name: "expert labels", startTimeMs: BigInt(Date.now()) },
    });
    await db().labelingSession.create({
      data: { id: sessionId, experimentId: exp.id, name: "expert labels", runId: sessionRunId },
    });
    await db().labelingItem.createMany({
      data: [t1, t2, t3, unlabelled].map((traceId, position) => ({ id: newId(), sessionId, traceId, position })),
    });
    const expected: [string, string][] = [
      [t1, "Paris"],
      [t2, "4"],
      [t3, "Shakespeare"],
    ];
    for (const [traceId, value] of expected) {
      await writeAssessment(db(), {
        traceId,
        name: "expected_response",
        kind: "EXPECTATION",
        value,
        source: { sourceType: "HUMAN", sourceId: reviewer.email },
        runId: sessionRunId,
        createdById: reviewer.id,
      });
    }
    // A human verdict on t2 under the judge's name, for judge alignment (the judge will say "no" too).
    await writeAssessment(db(), {
      traceId: t2,
      name: "correctness",
      kind: "FEEDBACK",
      value: "no",
      source: { sourceType: "HUMAN", sourceId: reviewer.email },
      createdById: reviewer.id,
    });
    await writeAssessment(db(), {
      traceId: t1,
      name: "correctness",
      kind: "FEEDBACK",
      value: "no",
      source: { sourceType: "HUMAN", sourceId: reviewer.email },
      createdById: reviewer.id,
    });

    const created = await createDataset(dev, exp.id, { name: "golden", sessionId });
    expect(created).toMatchObject({ version: 1, inserted: 3, updated: 0, skipped: 1 });
    const { records } = await listDatasetRecords(dev, created.dataset.id, { page: 1, pageSize: 50 });
    expect(records.map((r) => [r.sourceTraceId, r.inputs, r.expectations])).toEqual([
      [t1, { question: "What is the capital of France?" }, { expected_response: "Paris" }],
      [t2, { question: "What is 2 + 2?" }, { expected_response: "4" }],
      [t3, { question: "Who wrote Hamlet?" }, { expected_response: "Shakespeare" }],
    ]);

    const before = server.requests.length;
    const run = await createEvaluationRun(
      dev,
      exp.id,
      runBody({
        datasetId: created.dataset.id,
        scorers: [{ type: "correctness" }, { type: "contains", name: "mentions_expected", ignoreCase: true }],
      }),
    );
    expect(run.totalRows).toBe(3);
    await waitForRun(run.id);

    const done = await getEvaluationRun(dev, run.id);
    expect(done).toMatchObject({ status: "COMPLETED", totalRows: 3, doneRows: 3, errorRows: 0, error: null });
    expect(done.summary.find((s) => s.name === "correctness")).toEqual({
      name: "correctness",
      scored: 3,
      errors: 0,
      pass: 2,
      fail: 1,
      passRate: 2 / 3,
      mean: null,
    });
    expect(done.summary.find((s) => s.name === "mentions_expected")).toMatchObject({ scored: 3, pass: 2, fail: 1 });
    // Human said "no" on t1 (judge: yes) and on t2 (judge: no): one agreement out of two.
    expect(done.alignment).toEqual([{ name: "correctness", pairs: 2, agree: 1, rate: 0.5 }]);

    // The judge saw each row's expected response; its key never appears in what a client reads.
    const calls = server.requests.slice(before);
    expect(calls).toHaveLength(3);
    expect(
      calls.every((c) => c.headers.authorization === "Bearer sk-judge-secret-1234" && c.body.model === MODEL),
    ).toBe(true);
    expect(JSON.stringify(await getJudgeSettings(dev))).not.toContain("sk-judge-secret");

    // One correctness assessment per trace, with the run id, the judge as source and a rationale.
    const assessments = await db().assessment.findMany({
      where: { traceId: { in: [t1, t2, t3] }, name: "correctness", sourceType: "LLM_JUDGE" },
    });
    expect(assessments).toHaveLength(3);
    const byTrace = Object.fromEntries(assessments.map((a) => [a.traceId, a]));
    expect([t1, t2, t3].map((t) => JSON.parse(byTrace[t]!.value!))).toEqual(["yes", "no", "yes"]);
    for (const a of assessments) {
      expect(a).toMatchObject({ kind: "FEEDBACK", sourceId: MODEL, runId: done.runId, valid: true });
      expect(JSON.parse(a.metadata)["mlflow.assessment.sourceRunId"]).toBe(done.runId);
      expect(a.rationale).toMatch(/expected response/);
      expect(a.spanId).not.toBeNull(); // on the root span, as MLflow's harness does
    }
    const codeAssessments = await db().assessment.count({
      where: { runId: done.runId, sourceType: "CODE", sourceId: "mentions_expected" },
    });
    expect(codeAssessments).toBe(3);
    expect(await db().traceRunLink.count({ where: { runId: done.runId } })).toBe(3);

    const rows = await listRunRows(dev, run.id, { page: 1, pageSize: 2 });
    expect(rows.total).toBe(3);
    expect(rows.rows.map((r) => [r.traceId, r.status, r.outputs])).toEqual([
      [t1, "DONE", "The capital of France is Paris."],
      [t2, "DONE", "It is 5."],
    ]);
    expect(rows.rows[1]!.scores.find((s) => s.scorerName === "correctness")).toMatchObject({
      value: "no",
      rationale: "The response lacks the expected response.",
      error: null,
    });
  });

  it("keeps judge timeouts and garbage answers as row errors while the other rows are scored", async () => {
    const exp = await makeExperiment();
    const jsonl = [
      { inputs: { q: "a" }, expectations: { expected_response: "alpha" }, outputs: "alpha it is" },
      { inputs: { q: "b" }, expectations: { expected_response: "beta" }, outputs: "TRIGGER_TIMEOUT beta" },
      { inputs: { q: "c" }, expectations: { expected_response: "gamma" }, outputs: "TRIGGER_GARBAGE gamma" },
      { inputs: { q: "d" }, expectations: { expected_response: "delta" }, outputs: "no idea" },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const ds = await createDataset(dev, exp.id, { name: "flaky", upload: { format: "jsonl", content: jsonl } });
    const run = await createEvaluationRun(
      dev,
      exp.id,
      runBody({ datasetId: ds.dataset.id, scorers: [{ type: "correctness" }, { type: "token_f1" }], concurrency: 4 }),
    );
    await waitForRun(run.id);
    const done = await getEvaluationRun(dev, run.id);
    expect(done).toMatchObject({ status: "COMPLETED", doneRows: 4, errorRows: 2 });
    expect(done.summary.find((s) => s.name === "correctness")).toMatchObject({
      scored: 2,
      errors: 2,
      pass: 1,
      fail: 1,
      passRate: 0.5,
    });
    expect(done.summary.find((s) => s.name === "token_f1")).toMatchObject({ scored: 4, errors: 0 });

    const { rows } = await listRunRows(dev, run.id, { page: 1, pageSize: 10 });
    expect(rows.map((r) => r.status)).toEqual(["DONE", "ERROR", "ERROR", "DONE"]);
    expect(rows[1]!.error).toMatch(/correctness: judge timed out after 800 ms \(after 2 attempts\)/);
    expect(rows[2]!.error).toMatch(/correctness: .*(verdict|JSON|malformed)/i);
    // Every row has a trace (static outputs get a minimal one), and the failed judge call is an
    // assessment with an error rather than a missing one.
    expect(rows.every((r) => r.traceId?.startsWith("tr-"))).toBe(true);
    const failed = await db().assessment.findFirstOrThrow({
      where: { traceId: rows[1]!.traceId!, name: "correctness" },
    });
    expect(failed).toMatchObject({ value: null, errorCode: "JUDGE_ERROR", sourceType: "LLM_JUDGE", runId: done.runId });
    // token F1 of "alpha it is" against "alpha": precision 1/3, recall 1, F1 = 0.5.
    expect(rows[0]!.scores.map((s) => [s.scorerName, s.value])).toEqual([
      ["correctness", "yes"],
      ["token_f1", 0.5],
    ]);
  });
});

describe("datasets: versions, edits, export; runs against the app; comparing runs", () => {
  it("merges into new versions, keeps old versions readable, calls the app and compares runs", async () => {
    const exp = await makeExperiment();
    const ds = await createDataset(dev, exp.id, {
      name: uniqueName("ds"),
      upload: { format: "csv", content: 'question,expected_response\nParis,Paris\n"Rome, Italy",Rome\n' },
    });
    expect(ds).toMatchObject({ version: 1, inserted: 2 });
    const merged = await mergeDatasetRecords(dev, ds.dataset.id, {
      records: [
        { inputs: { question: "Paris" }, expectations: { expected_facts: ["capital"] }, tags: {} },
        { inputs: { question: "Oslo" }, expectations: { expected_response: "Oslo" }, tags: {} },
      ],
    });
    expect(merged).toMatchObject({ version: 2, inserted: 1, updated: 1 });
    const v1 = await listDatasetRecords(dev, ds.dataset.id, { page: 1, pageSize: 10, version: 1 });
    const v2 = await listDatasetRecords(dev, ds.dataset.id, { page: 1, pageSize: 10 });
    expect(v1.records.map((r) => r.expectations)).toEqual([
      { expected_response: "Paris" },
      { expected_response: "Rome" },
    ]);
    expect(v2.records.map((r) => r.expectations)).toEqual([
      { expected_response: "Paris", expected_facts: ["capital"] },
      { expected_response: "Rome" },
      { expected_response: "Oslo" },
    ]);

    const edited = await updateDatasetRecord(dev, ds.dataset.id, v2.records[0]!.id, {
      expectations: { expected_response: "Paris" },
    });
    expect(edited.version).toBe(3);
    expect((await getDataset(dev, ds.dataset.id)).versions.map((v) => [v.version, v.recordCount])).toEqual([
      [3, 3],
      [2, 3],
      [1, 2],
    ]);
    const exported = await exportDatasetJsonl(dev, ds.dataset.id);
    expect(
      exported.body
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).inputs.question),
    ).toEqual(["Paris", "Rome, Italy", "Oslo"]);

    const app = {
      kind: "openai_chat" as const,
      baseUrl: server.baseUrl,
      model: "app-v1",
      inputKey: "question",
      apiKey: "sk-app-secret",
    };
    const r1 = await createEvaluationRun(
      dev,
      exp.id,
      runBody({ datasetId: ds.dataset.id, datasetVersion: 1, scorers: [{ type: "contains" }], outputSource: app }),
    );
    const r2 = await createEvaluationRun(
      dev,
      exp.id,
      runBody({ datasetId: ds.dataset.id, scorers: [{ type: "contains" }], outputSource: app }),
    );
    await Promise.all([waitForRun(r1.id), waitForRun(r2.id)]);
    const d1 = await getEvaluationRun(dev, r1.id);
    expect(d1).toMatchObject({ status: "COMPLETED", doneRows: 2, errorRows: 0 });
    expect(JSON.stringify(d1)).not.toContain("sk-app-secret");
    const rows = (await listRunRows(dev, r1.id, { page: 1, pageSize: 10 })).rows;
    expect(rows.map((r) => r.outputs)).toEqual(["The answer is Paris", "The answer is Rome, Italy"]);
    // Each app call is a trace: root span with the row's inputs, child chat span with the raw call.
    const spans = await db().span.findMany({ where: { traceId: rows[0]!.traceId! }, orderBy: { startTimeNs: "asc" } });
    expect(spans.map((s) => [s.spanType, s.parentSpanId === null])).toEqual(
      expect.arrayContaining([
        ["CHAIN", true],
        ["CHAT_MODEL", false],
      ]),
    );

    const cmp = await compareRuns(dev, r2.id, { page: 1, pageSize: 10, other: r1.id });
    expect(
      cmp.pairs.map((p) => [
        (p.a.inputs as { question: string }).question,
        p.b ? (p.b.inputs as { question: string }).question : null,
      ]),
    ).toEqual([
      ["Paris", "Paris"],
      ["Rome, Italy", "Rome, Italy"],
      ["Oslo", null],
    ]);
  });
});

// Last in this file (tests in a file run in order): it empties the allow-list for a moment, which
// only this file's runs depend on.
describe("server-side URL fields and the allow-list", () => {
  const NOTATIONS = [
    "http://127.0.0.1:9/v1",
    "http://localhost:9/v1",
    "http://0.0.0.0:9/v1",
    "http://2130706433:9/v1",
    "http://0x7f000001:9/v1",
    "http://017700000001:9/v1",
    "http://127.1:9/v1",
    "http://[::1]:9/v1",
    "http://[::ffff:127.0.0.1]:9/v1",
    "http://10.0.0.1/v1",
    "http://169.254.169.254/latest",
  ];

  it("refuses each internal notation for every URL field, naming the field and the setting; allowed hosts work", async () => {
    const exp = await makeExperiment();
    await qaTrace(exp.id, "q?", "a");
    await setAllowedHosts(admin, { hosts: [] });
    try {
      for (const url of NOTATIONS) {
        const judge = updateJudgeSettings(admin, { baseUrl: url, model: "m" });
        await expect(judge, url).rejects.toMatchObject({
          status: 400,
          message: expect.stringMatching(/^body\.baseUrl: .*Settings → Allowed internal hosts/),
        });
        const post = createEvaluationRun(
          dev,
          exp.id,
          runBody({ filter: "", scorers: [{ type: "contains" }], outputSource: { kind: "json_post", url } }),
        );
        await expect(post, url).rejects.toMatchObject({
          status: 400,
          message: expect.stringMatching(/^body\.outputSource\.url: .*Settings → Allowed internal hosts/),
        });
        const chat = createEvaluationRun(
          dev,
          exp.id,
          runBody({
            filter: "",
            scorers: [{ type: "contains" }],
            outputSource: { kind: "openai_chat", baseUrl: url, model: "m" },
          }),
        );
        await expect(chat, url).rejects.toMatchObject({
          status: 400,
          message: expect.stringMatching(/^body\.outputSource\.baseUrl: .*Settings → Allowed internal hosts/),
        });
      }
      expect((await getJudgeSettings(admin)).baseUrl).toBe(server.baseUrl);
    } finally {
      await setAllowedHosts(admin, { hosts: ["127.0.0.1"] });
    }
    expect(await getAllowedHosts(admin)).toEqual({ hosts: ["127.0.0.1"] });
    await expect(setAllowedHosts(dev, { hosts: ["10.0.0.0/8"] })).rejects.toMatchObject({ status: 403 });
    await expect(setAllowedHosts(admin, { hosts: ["not a host"] })).rejects.toMatchObject({ status: 400 });
    // The allowed local host works: a run calling the app on 127.0.0.1 completes.
    const run = await createEvaluationRun(
      dev,
      exp.id,
      runBody({
        filter: "",
        scorers: [{ type: "contains" }],
        outputSource: { kind: "openai_chat", baseUrl: server.baseUrl, model: "app-v1" },
      }),
    );
    await waitForRun(run.id);
    expect(await getEvaluationRun(dev, run.id)).toMatchObject({ status: "COMPLETED", doneRows: 1 });
    const [row] = (await listRunRows(dev, run.id, { page: 1, pageSize: 10 })).rows;
    expect(row!.outputs).toMatch(/^The answer is/);
  });
});
