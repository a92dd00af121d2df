/**
 * Custom judges on the real database (SQLite and PostgreSQL): defined with their own endpoint
 * (a real OpenAI-compatible server on 127.0.0.1, key encrypted at rest), edited into a second
 * version, used in a run like a built-in (the run pins the version), and compared with the
 * experts' labels: agreeing, disagreeing, experts who disagree among themselves, and an
 * adjudicated label that settles a disagreement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAssessment } from "@/lib/assessments/internal";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/bootstrap/worker";
import { ZCreateJudgeBody, ZUpdateJudgeBody } from "@/lib/evaluation/custom-judges/schemas";
import { createJudge, getJudge, listJudges, updateJudge } from "@/lib/evaluation/custom-judges/service";
import { createEvaluationRun } from "@/lib/evaluation/execution/service";
import { waitForRun } from "@/lib/evaluation/execution/runner";
import { getJudgeAgreement, getRunJudgeAgreement } from "@/lib/evaluation/judge-agreement/service";
import { startFakeChatServer, type FakeChatServer } from "@/lib/evaluation/judges/testing/fake-chat-server";
import { getEvaluationRun, listRunRows } from "@/lib/evaluation/runs/service";
import { ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { insertTrace } from "@/lib/seed/factories";
import { createUser } from "@/lib/users/service";
import { db, makeExperiment, uniqueName } from "@/test/db";

let server: FakeChatServer;
let admin: Actor;
let dev: Actor;

beforeAll(async () => {
  // Runs are jobs: this process's worker runs them, as a server's does.
  await startBackgroundWork();
  server = await startFakeChatServer();
  const mk = async (role: "ADMIN" | "DEVELOPER") => {
    const { user } = await createUser(SYSTEM_ACTOR, { email: `${uniqueName(role.toLowerCase())}@judges.test`, role });
    return { userId: user.id, email: user.email, name: user.name, role, via: "session" } as Actor;
  };
  admin = await mk("ADMIN");
  dev = await mk("DEVELOPER");
  await setAllowedHosts(admin, { hosts: ["127.0.0.1"] });
});
afterAll(async () => {
  await stopBackgroundWork();
  await server.close();
});

// The fake server answers "no" when the text in <response> mentions UNSAFE, else "yes".
const PROMPT = "Is the reply acceptable for {{ inputs }}?\n<response>\n{{ outputs }}\n</response>";

async function trace(experimentId: string, question: string, answer: string) {
  return insertTrace(db(), {
    experimentId,
    timestampMs: Date.now(),
    root: { name: "qa", spanType: "CHAIN", startMs: 0, durationMs: 50, inputs: { question }, outputs: answer },
  });
}

async function label(traceId: string, value: string, reviewer: string, metadata?: Record<string, string>) {
  await writeAssessment(db(), {
    traceId,
    name: "acceptable",
    kind: "FEEDBACK",
    value,
    source: { sourceType: "HUMAN", sourceId: reviewer },
    ...(metadata ? { metadata } : {}),
  });
}

describe("custom judges", () => {
  it("are versioned, keep their key encrypted, score a run and are compared with the experts", async () => {
    const exp = await makeExperiment();
    const base = {
      name: "acceptable reply",
      labelName: "acceptable",
      prompt: PROMPT,
      outputType: "yes_no",
      baseUrl: server.baseUrl,
      model: "custom-judge-model",
      apiKey: "sk-custom-judge-5678",
    };
    const v1 = await createJudge(dev, exp.id, ZCreateJudgeBody.parse(base));
    expect(v1).toMatchObject({ currentVersion: 1, current: { apiKeySet: true, model: "custom-judge-model" } });
    expect(JSON.stringify(v1)).not.toContain("sk-custom-judge-5678");
    const stored = await db().judgeVersion.findFirstOrThrow({ where: { judgeId: v1.id } });
    expect(stored.apiKey).toMatch(/^enc:v1:/);
    await expect(createJudge(dev, exp.id, ZCreateJudgeBody.parse(base))).rejects.toThrow(/already exists/);

    // Editing without a key keeps the stored one, as a new version.
    const { name: _name, apiKey: _key, ...edit } = base;
    const v2 = await updateJudge(dev, v1.id, ZUpdateJudgeBody.parse({ ...edit, prompt: `${PROMPT}\nBe strict.` }));
    expect(v2.currentVersion).toBe(2);
    expect(v2.versions.map((v) => [v.version, v.apiKeySet])).toEqual([
      [2, true],
      [1, true],
    ]);
    expect((await listJudges(dev, exp.id)).judges.map((j) => j.name)).toEqual(["acceptable reply"]);

    const agree1 = await trace(exp.id, "q1", "A fine answer");
    const agree2 = await trace(exp.id, "q2", "An UNSAFE answer");
    const split = await trace(exp.id, "q3", "Another fine answer");
    const judgeSaysNo = await trace(exp.id, "q4", "UNSAFE again");
    const adjudicated = await trace(exp.id, "q5", "Fine once more");
    await trace(exp.id, "q6", "Nobody labelled this");
    await label(agree1, "yes", "r1");
    await label(agree1, "yes", "r2");
    await label(agree2, "no", "r1");
    await label(split, "yes", "r1");
    await label(split, "no", "r2");
    await label(judgeSaysNo, "yes", "r1");
    await label(adjudicated, "yes", "r1");
    await label(adjudicated, "no", "r2");
    await label(adjudicated, "no", "lead", { "tracelight.adjudicated": "true" });

    const run = await createEvaluationRun(
      dev,
      exp.id,
      ZCreateEvaluationRunBody.parse({ filter: "", scorers: [{ type: "custom_judge", judgeId: v1.id }] }),
    );
    await waitForRun(run.id);
    const done = await getEvaluationRun(dev, run.id);
    expect(done.status).toBe("COMPLETED");
    // The run records the version it used and names the scorer after the judge.
    expect(done.scorers).toEqual([{ type: "custom_judge", judgeId: v1.id, version: 2, name: "acceptable reply" }]);
    const rows = (await listRunRows(dev, run.id, { page: 1, pageSize: 50 })).rows;
    const byTrace = new Map(rows.map((r) => [r.traceId, r.scores[0]?.value]));
    expect(byTrace.get(agree1)).toBe("yes");
    expect(byTrace.get(judgeSaysNo)).toBe("no");
    // Called at the judge's own endpoint with its decrypted key and the rendered template.
    const call = server.requests.find((r) => r.body.model === "custom-judge-model" && r.prompt.includes("q4"))!;
    expect(call.headers.authorization).toBe("Bearer sk-custom-judge-5678");
    expect(call.prompt).toContain("<inputs>");
    expect(call.prompt).toContain("Be strict.");

    const [a] = (await getRunJudgeAgreement(dev, run.id)).judges;
    expect(a).toMatchObject({
      judgeName: "acceptable reply",
      version: 2,
      compared: 4,
      agreed: 2,
      accuracy: 0.5,
      kappa: 0,
      labels: ["no", "yes"],
      // rows: experts no/yes; columns: judge no/yes
      matrix: [
        [1, 1],
        [1, 1],
      ],
      expertsDisagree: 1,
      unlabelled: 1,
    });
    expect(a!.disagreements.map((d) => d.traceId).sort()).toEqual([judgeSaysNo, adjudicated].sort());

    const perVersion = (await getJudgeAgreement(dev, v1.id)).versions;
    expect(perVersion.map((v) => [v.version, v.compared])).toEqual([
      [2, 4],
      [1, 0],
    ]);
    expect((await getJudge(dev, v1.id)).versions).toHaveLength(2);
  });

  it("refuses a judge of another experiment in a run", async () => {
    const [e1, e2] = [await makeExperiment(), await makeExperiment()];
    const j = await createJudge(
      dev,
      e1.id,
      ZCreateJudgeBody.parse({
        name: "polite",
        labelName: "polite",
        prompt: "Polite? {{ outputs }}",
        outputType: "yes_no",
      }),
    );
    await trace(e2.id, "q", "a");
    await expect(
      createEvaluationRun(
        dev,
        e2.id,
        ZCreateEvaluationRunBody.parse({ filter: "", scorers: [{ type: "custom_judge", judgeId: j.id }] }),
      ),
    ).rejects.toThrow(/not a judge of this experiment/);
  });
});
