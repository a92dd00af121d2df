/**
 * Compare sessions on the real databases: pairs built from two evaluation runs of one dataset,
 * the stored left/right order mapped back to the right version, choices as linked assessments
 * on both traces, win rates and the agreement of two reviewers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/bootstrap/worker";
import { createDataset } from "@/lib/evaluation/datasets/service";
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { ZCreateDatasetBody, ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { createAgent } from "@/lib/agents/service";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { startFakeChatServer, type FakeChatServer } from "@/lib/evaluation/judges/testing/fake-chat-server";
import { createLabelSchema } from "@/lib/labeling/label-schemas/service";
import { listMyReviewSessions } from "@/lib/labeling/my-sessions/service";
import {
  askBothAgents,
  createAgentComparison,
  createPairwiseSession,
  getNextComparison,
  getPairwiseResults,
  submitComparison,
} from "@/lib/pairwise/service";
import { runPairwiseGenerationSlice } from "@/lib/pairwise/generate";
import { ZAskBothAgentsBody, ZCreateAgentComparisonBody } from "@/lib/pairwise/schemas";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { makeUser } from "@/test/labeling";

let dev: Actor;
let admin: Actor;
let fake: FakeChatServer;
beforeAll(async () => {
  // Runs are jobs: this process's worker runs them, as a server's does.
  await startBackgroundWork();
  dev = await makeUser("DEVELOPER");
  admin = await makeUser("ADMIN");
  await setAllowedHosts(admin, { hosts: ["127.0.0.1"] });
  fake = await startFakeChatServer();
});

afterAll(async () => {
  await setAllowedHosts(admin, { hosts: [] });
  await fake?.close();
  await stopBackgroundWork();
});

async function waitReady(sessionId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pw = await db().pairwiseSession.findUniqueOrThrow({ where: { sessionId } });
    if (pw.status !== "GENERATING") return pw;
    if (Date.now() > deadline) throw new Error(`compare session ${sessionId} still generating`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function twoRuns(questions: string[]) {
  const exp = await makeExperiment();
  const ds = await createDataset(
    dev,
    exp.id,
    ZCreateDatasetBody.parse({
      name: uniqueName("ds"),
      records: questions.map((q) => ({ inputs: { q }, outputs: `answer to ${q}`, expectations: {} })),
    }),
  );
  const run = async () => {
    const r = await createEvaluationRun(
      dev,
      exp.id,
      ZCreateEvaluationRunBody.parse({ datasetId: ds.dataset.id, scorers: [{ type: "exact_match" }] }),
    );
    await waitForRun(r.id);
    return r;
  };
  return { exp, a: await run(), b: await run() };
}

describe("pairwise comparison", () => {
  it("pairs the rows of two runs, stores the order and the choices, and computes win rates and agreement", async () => {
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { exp, a, b } = await twoRuns(["q1", "q2", "q3", "q4"]);
    const created = await createPairwiseSession(dev, {
      experimentId: exp.id,
      name: "v1 vs v2",
      evaluationRunIdA: a.id,
      evaluationRunIdB: b.id,
      labelSchemas: [],
      assignedUsers: [r1.email, r2.email],
      openToAllReviewers: false,
    });
    expect(created).toMatchObject({ pairCount: 4, unpaired: 0 });
    const pairs = await db().pairwisePair.findMany({
      where: { sessionId: created.sessionId },
      orderBy: { position: "asc" },
    });
    const rowsA = await db().evaluationRunRow.findMany({ where: { evaluationRunId: a.id } });
    const rowsB = await db().evaluationRunRow.findMany({ where: { evaluationRunId: b.id } });
    for (const p of pairs) {
      expect(rowsA.some((r) => r.traceId === p.traceIdA)).toBe(true);
      expect(rowsB.some((r) => r.traceId === p.traceIdB)).toBe(true);
      // Both sides answer the same record.
      const ra = rowsA.find((r) => r.traceId === p.traceIdA)!;
      const rb = rowsB.find((r) => r.traceId === p.traceIdB)!;
      expect(ra.datasetRecordId).toBe(rb.datasetRecordId);
    }

    // Reviewer 1 always prefers version A, whatever side it is shown on; reviewer 2 agrees on 3 of 4.
    const pickFor = (want: "A" | "B" | "tie", pair: { left: { traceId: string } }, traceIdA: string) =>
      want === "tie" ? "tie" : (pair.left.traceId === traceIdA) === (want === "A") ? "left" : "right";
    const plan: Record<string, ("A" | "B" | "tie")[]> = {
      [r1.userId]: ["A", "A", "A", "B"],
      [r2.userId]: ["A", "A", "B", "B"],
    };
    for (const reviewer of [r1, r2]) {
      for (let i = 0; i < 4; i++) {
        const next = await getNextComparison(reviewer, created.sessionId);
        const pair = pairs.find((p) => p.id === next.pair!.pairId)!;
        expect(next.pair!.left.traceId).toBe(pair.leftIsA ? pair.traceIdA : pair.traceIdB);
        await submitComparison(reviewer, created.sessionId, pair.id, {
          choice: pickFor(plan[reviewer.userId][pair.position], next.pair!, pair.traceIdA!),
          rationale: `because ${i}`,
        });
      }
      expect((await getNextComparison(reviewer, created.sessionId)).pair).toBeNull();
    }
    // The choice is on both traces, linked by the comparison id and the other trace.
    const first = pairs[3];
    const onA = await db().assessment.findFirstOrThrow({ where: { traceId: first.traceIdA!, createdById: r1.userId } });
    const onB = await db().assessment.findFirstOrThrow({ where: { traceId: first.traceIdB!, createdById: r1.userId } });
    expect([onA.value, onB.value]).toEqual(['"loss"', '"win"']);
    expect(JSON.parse(onA.metadata)).toMatchObject({
      "tracelight.comparisonId": first.id,
      "tracelight.otherTraceId": first.traceIdB,
    });
    expect(JSON.parse(onB.metadata)["tracelight.comparisonId"]).toBe(first.id);

    const results = await getPairwiseResults(dev, created.sessionId);
    const [va, vb] = results.winRates.versions;
    expect(results.winRates.comparisons).toBe(8);
    expect(va).toMatchObject({ wins: 5, losses: 3, winRate: 5 / 8 });
    expect(vb).toMatchObject({ wins: 3, losses: 5 });
    expect(va.ci!.low).toBeLessThan(0.625);
    expect(results.agreement).toMatchObject({ pairs: 4, observedAgreement: 0.75 });
    expect(results.agreement!.kappa).toBeCloseTo(0.5, 5);

    // Changing one's mind replaces one's own choice.
    await submitComparison(r1, created.sessionId, pairs[0].id, { choice: "tie" });
    expect((await getPairwiseResults(dev, created.sessionId)).winRates.versions[0].ties).toBe(1);
    await expect(getPairwiseResults(r1, created.sessionId)).rejects.toMatchObject({ status: 403 });
    // Only a comparison of two agents can be asked live.
    await expect(askBothAgents(r1, created.sessionId, { message: "hi" })).rejects.toMatchObject({ status: 400 });
  });

  it("refuses the same run twice and runs of other experiments", async () => {
    const { exp, a } = await twoRuns(["x"]);
    const other = await twoRuns(["x"]);
    const base = { experimentId: exp.id, name: "n", labelSchemas: [], assignedUsers: [], openToAllReviewers: true };
    await expect(
      createPairwiseSession(dev, { ...base, evaluationRunIdA: a.id, evaluationRunIdB: a.id }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      createPairwiseSession(dev, { ...base, evaluationRunIdA: a.id, evaluationRunIdB: other.b.id }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("builds pairs from two agents in a job, records each answer as a trace, and stores schema answers per side", async () => {
    const reviewer = await makeUser("REVIEWER");
    const exp = await makeExperiment();
    await createLabelSchema(admin, {
      experimentId: exp.id,
      name: "helpful",
      type: "feedback",
      title: "Helpful?",
      enableComment: true,
      overwrite: false,
      input: { type: "categorical", options: ["yes", "no"] },
    });
    const v1 = await createAgent(dev, exp.id, { name: "bot v1", baseUrl: fake.baseUrl, model: "agent-v1" });
    const v2 = await createAgent(dev, exp.id, {
      name: "bot v2",
      baseUrl: fake.baseUrl,
      model: "agent-v2",
      systemPrompt: "Be brief.",
    });
    const body = (extra: Record<string, unknown>) =>
      ZCreateAgentComparisonBody.parse({
        experimentId: exp.id,
        name: "bots",
        agentIdA: v1.id,
        agentIdB: v2.id,
        labelSchemas: ["helpful"],
        assignedUsers: [reviewer.email],
        ...extra,
      });
    const created = await createAgentComparison(dev, body({ inputs: ["alpha", "beta", "AGENT_FAIL gamma"] }));
    expect(created).toMatchObject({ labelA: "bot v1", labelB: "bot v2", pairCount: 3 });
    expect(created.generation).toMatchObject({ source: "agents", status: "GENERATING", total: 3 });
    const pw = await waitReady(created.sessionId);
    expect(pw.status).toBe("READY");

    // Each answer is a trace of the experiment, linked to the session's run, from the right agent.
    const pairs = await db().pairwisePair.findMany({
      where: { sessionId: created.sessionId },
      orderBy: { position: "asc" },
    });
    expect(pairs.map((p) => JSON.parse(p.inputs))).toEqual(["alpha", "beta", "AGENT_FAIL gamma"]);
    const session = await db().labelingSession.findUniqueOrThrow({ where: { id: created.sessionId } });
    for (const p of pairs) {
      const spans = await db().span.findMany({
        where: { traceId: { in: [p.traceIdA!, p.traceIdB!] }, parentSpanId: null },
      });
      const byTrace = new Map(spans.map((sp) => [sp.traceId, sp]));
      expect(JSON.parse(byTrace.get(p.traceIdA!)!.attributes)["tracelight.agent"]).toBe("bot v1");
      expect(JSON.parse(byTrace.get(p.traceIdB!)!.attributes)["tracelight.agent"]).toBe("bot v2");
      expect(
        await db().traceRunLink.count({ where: { runId: session.runId, traceId: { in: [p.traceIdA!, p.traceIdB!] } } }),
      ).toBe(2);
    }
    const traces = await db().trace.findMany({ where: { id: { in: [pairs[0].traceIdB!, pairs[2].traceIdA!] } } });
    expect(traces.find((t) => t.id === pairs[0].traceIdB)).toMatchObject({ state: "OK", experimentId: exp.id });
    // An agent that fails leaves an ERROR trace, and the pair still shows what happened.
    expect(traces.find((t) => t.id === pairs[2].traceIdA)).toMatchObject({ state: "ERROR" });
    const v2Request = fake.requests.find((r) => r.body.model === "agent-v2" && r.prompt.includes("alpha"))!;
    expect(v2Request.body.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "alpha" },
    ]);

    // The reviewer sees the answers in the stored order, picks, and answers the schema per side.
    const first = await getNextComparison(reviewer, created.sessionId);
    expect(first.schemas.map((x) => x.name)).toEqual(["helpful"]);
    expect(first.generation).toMatchObject({ status: "READY", ready: 3, total: 3 });
    const p0 = pairs.find((p) => p.id === first.pair!.pairId)!;
    const leftIsV1 = first.pair!.left.traceId === p0.traceIdA;
    expect(String(first.pair![leftIsV1 ? "right" : "left"].output)).toMatch(/^In short: Turn 1: you said /);
    await expect(
      submitComparison(reviewer, created.sessionId, p0.id, {
        choice: "left",
        answers: { right: { helpful: { value: "maybe" } } },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await submitComparison(reviewer, created.sessionId, p0.id, {
      choice: leftIsV1 ? "right" : "left", // v2
      answers: {
        left: { helpful: { value: leftIsV1 ? "no" : "yes", comment: "left side" } },
        right: { helpful: { value: leftIsV1 ? "yes" : "no" } },
      },
    });
    const helpful = (traceId: string) =>
      db().assessment.findFirstOrThrow({
        where: { traceId, name: "helpful", createdById: reviewer.userId, valid: true },
      });
    expect((await helpful(p0.traceIdA!)).value).toBe('"no"');
    expect((await helpful(p0.traceIdB!)).value).toBe('"yes"');
    expect(JSON.parse((await helpful(p0.traceIdB!)).metadata)).toMatchObject({
      "tracelight.comparisonId": p0.id,
      "tracelight.pairwiseVersion": "B",
    });
    const again = await getNextComparison(reviewer, created.sessionId, p0.id);
    expect(again.pair!.answers[leftIsV1 ? "right" : "left"]).toMatchObject({ helpful: { value: "yes" } });

    // The Review App list counts pairs, not items.
    const listed = (await listMyReviewSessions(reviewer, {})).sessions.find((x) => x.id === created.sessionId)!;
    expect(listed).toMatchObject({ compare: true, totalItems: 3, completed: 1, doneItems: 1, toDo: 2 });

    const results = await getPairwiseResults(dev, created.sessionId);
    expect(results.winRates.versions[1]).toMatchObject({ label: "bot v2", wins: 1 });
    expect(results.schemaAnswers).toEqual([{ name: "helpful", title: "Helpful?", A: { no: 1 }, B: { yes: 1 } }]);

    // A live question to both agents becomes a new pair, shown at once; the reviewer is the traces' user.
    const asked = await askBothAgents(reviewer, created.sessionId, { message: "my own question" });
    expect(asked.pair).toMatchObject({ inputs: "my own question", position: 3, mine: null });
    expect([asked.pair!.left.output, asked.pair!.right.output].sort()).toEqual([
      "In short: Turn 1: you said my own question",
      "Turn 1: you said my own question",
    ]);
    const askedTraces = await db().trace.findMany({
      where: { id: { in: [asked.pair!.left.traceId, asked.pair!.right.traceId] } },
      include: { metadata: true },
    });
    for (const t of askedTraces) {
      expect(t.metadata.find((m) => m.key === "mlflow.trace.user")?.value).toBe(reviewer.email);
      expect(await db().traceRunLink.count({ where: { traceId: t.id, runId: session.runId } })).toBe(1);
    }
    expect(asked.progress).toEqual({ done: 1, total: 4 });
    expect(ZAskBothAgentsBody.safeParse({ message: "   " }).success).toBe(false);

    // From a dataset: its records' inputs, the message picked by inputKey.
    const ds = await createDataset(
      dev,
      exp.id,
      ZCreateDatasetBody.parse({
        name: uniqueName("ds"),
        records: [{ inputs: { question: "Oslo", lang: "en" } }, { inputs: { question: "Lima", lang: "en" } }],
      }),
    );
    const fromDs = await createAgentComparison(dev, body({ datasetId: ds.dataset.id, inputKey: "question" }));
    await waitReady(fromDs.sessionId);
    const r = await getPairwiseResults(dev, fromDs.sessionId);
    expect(r.pairCount).toBe(2);
    expect(fake.requests.some((q) => q.body.model === "agent-v1" && q.prompt === "Oslo")).toBe(true);

    // Refused in plain words: the same agent twice, an agent of another experiment, no inputs.
    expect(ZCreateAgentComparisonBody.safeParse({ ...body({ inputs: ["x"] }), agentIdB: v1.id }).success).toBe(false);
    expect(
      ZCreateAgentComparisonBody.safeParse({ experimentId: exp.id, name: "n", agentIdA: v1.id, agentIdB: v2.id })
        .success,
    ).toBe(false);
    const otherExp = await makeExperiment();
    const stranger = await createAgent(dev, otherExp.id, { name: "stranger", baseUrl: fake.baseUrl, model: "m" });
    await expect(
      createAgentComparison(dev, { ...body({ inputs: ["x"] }), agentIdB: stranger.id }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(createAgentComparison(reviewer, body({ inputs: ["x"] }))).rejects.toMatchObject({ status: 403 });

    // An agent deleted before it answered every input: the session says so instead of waiting for ever.
    await db().pairwiseSession.update({
      where: { sessionId: fromDs.sessionId },
      data: { status: "GENERATING", agentIdB: "agent-that-was-deleted" },
    });
    await db().pairwisePair.updateMany({
      where: { sessionId: fromDs.sessionId, position: 1 },
      data: { traceIdB: null },
    });
    const ctx = { jobId: "test", attempt: 1, shouldYield: () => false };
    expect(await runPairwiseGenerationSlice({ sessionId: fromDs.sessionId }, ctx)).toBe("done");
    const failed = await db().pairwiseSession.findUniqueOrThrow({ where: { sessionId: fromDs.sessionId } });
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringMatching(/'bot v2' was deleted/) });
    expect((await getNextComparison(dev, fromDs.sessionId)).generation).toMatchObject({
      status: "FAILED",
      ready: 1,
      total: 2,
    });
  });
});
