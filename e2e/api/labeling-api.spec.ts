import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageState } from "../support/env";

/**
 * The labeling REST API over HTTP: schema contracts, answer validation for every input type
 * (400 naming the field), and who may see a session.
 */
const run = Date.now().toString(36);

async function demoExperimentId(ctx: APIRequestContext): Promise<string> {
  const { experiments } = await (await ctx.get("/api/experiments")).json();
  return experiments.find((e: { name: string }) => e.name === "Demo: Acme support assistant").id;
}

test.describe("labeling API", () => {
  let admin: APIRequestContext;
  let experimentId: string;
  test.beforeAll(async () => {
    admin = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("admin") });
    experimentId = await demoExperimentId(admin);
  });
  test.afterAll(async () => admin.dispose());

  test("every input type's answers are validated as the schema says: 400 naming the field", async () => {
    const schemas = [
      {
        name: `cat_${run}`,
        type: "feedback",
        title: "Accurate?",
        input: { type: "categorical", options: ["Accurate", "Partially Accurate", "Inaccurate"] },
      },
      {
        name: `tags_${run}`,
        type: "feedback",
        title: "Problems",
        input: { type: "categorical_list", options: ["tone", "facts"] },
      },
      { name: `ideal_${run}`, type: "expectation", title: "Ideal response", input: { type: "text", maxLength: 10 } },
      {
        name: `facts_${run}`,
        type: "expectation",
        title: "Key facts",
        input: { type: "text_list", maxCount: 2, maxLengthEach: 20 },
      },
      {
        name: `score_${run}`,
        type: "feedback",
        title: "Score",
        input: { type: "numeric", minValue: 1, maxValue: 5 },
      },
    ];
    for (const s of schemas) {
      const res = await admin.post("/api/labeling/schemas", { data: { experimentId, ...s } });
      expect(res.status(), await res.text()).toBe(200);
    }
    const session = await (
      await admin.post("/api/labeling/sessions", {
        data: {
          experimentId,
          name: `validation ${run}`,
          labelSchemas: schemas.map((s) => s.name),
          assignedUsers: [E2E.admin.email],
        },
      })
    ).json();
    const added = await (
      await admin.post(`/api/labeling/sessions/${session.id}/items`, {
        data: { filter: "feedback.user_feedback = false" },
      })
    ).json();
    expect(added.added).toBe(4);
    const { item } = await (await admin.post(`/api/labeling/sessions/${session.id}/next`)).json();
    const submit = (answers: Record<string, unknown>) =>
      admin.post(`/api/labeling/sessions/${session.id}/items/${item.itemId}/submit`, { data: { answers } });

    const cases: [string, unknown, string, RegExp][] = [
      [`score_${run}`, 9, `body.answers.score_${run}.value`, /at most 5/],
      [
        `cat_${run}`,
        "Maybe",
        `body.answers.cat_${run}.value`,
        /'Maybe' is not one of: Accurate, Partially Accurate, Inaccurate/,
      ],
      [`tags_${run}`, ["tone", "style"], `body.answers.tags_${run}.value[1]`, /'style' is not one of/],
      [`ideal_${run}`, "far too long for ten", `body.answers.ideal_${run}.value`, /at most 10 characters/],
      [`facts_${run}`, ["a", "b", "c"], `body.answers.facts_${run}.value`, /at most 2 entries/],
    ];
    for (const [name, value, path, message] of cases) {
      const res = await submit({ [name]: { value } });
      expect(res.status(), name).toBe(400);
      const body = await res.json();
      expect(body.error_code).toBe("INVALID_PARAMETER_VALUE");
      expect(body.details.issues, name).toEqual([
        expect.objectContaining({ path, message: expect.stringMatching(message) }),
      ]);
    }
    const unknown = await submit({ nope: { value: 1 } });
    expect((await unknown.json()).details.issues[0].path).toBe("body.answers.nope");

    // A valid submission of all five types is stored as assessments on the trace.
    const ok = await submit({
      [`cat_${run}`]: { value: "Inaccurate" },
      [`tags_${run}`]: { value: ["facts"] },
      [`ideal_${run}`]: { value: "5 TiB." },
      [`facts_${run}`]: { value: ["max 5 TiB"] },
      [`score_${run}`]: { value: 2 },
    });
    expect(ok.status(), await ok.text()).toBe(200);
    const results = await (await admin.get(`/api/labeling/sessions/${session.id}/results`)).json();
    const row = results.rows.find((r: { itemId: string }) => r.itemId === item.itemId);
    expect(row.labels[0].answers[`score_${run}`]).toEqual({ value: 2 });
    const csv = await (await admin.get(`/api/labeling/sessions/${session.id}/export?format=csv`)).text();
    expect(csv.split("\n")[0]).toBe(
      "session_id,item_id,trace_id,position,reviewer,schema,type,value,comment,completed_at",
    );
    expect(csv).toContain(`cat_${run},feedback,Inaccurate`);
    const jsonl = (await (await admin.get(`/api/labeling/sessions/${session.id}/export?format=jsonl`)).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(1);
    expect(jsonl[0].answers[`facts_${run}`]).toEqual({ value: ["max 5 TiB"] });
  });

  test("schema contracts: bad inputs name the field, names are unique unless overwrite", async () => {
    const bad = await admin.post("/api/labeling/schemas", {
      data: {
        experimentId,
        name: "has.dot",
        type: "feedback",
        title: "",
        input: { type: "numeric", minValue: 5, maxValue: 1 },
      },
    });
    expect(bad.status()).toBe(400);
    const paths = (await bad.json()).details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.title", "body.input.minValue"]));

    const def = {
      experimentId,
      name: `dup_${run}`,
      type: "feedback",
      title: "Q",
      input: { type: "text" },
    };
    expect((await admin.post("/api/labeling/schemas", { data: def })).status()).toBe(200);
    const again = await admin.post("/api/labeling/schemas", { data: def });
    expect(again.status()).toBe(409);
    expect((await again.json()).message).toMatch(/already exists.*overwrite/);
    const replaced = await admin.post("/api/labeling/schemas", { data: { ...def, title: "Q2", overwrite: true } });
    expect((await replaced.json()).title).toBe("Q2");
    // Databricks review-app JSON (input keyed by kind, upper-case type) is accepted too.
    const compat = await admin.post("/api/labeling/schemas", {
      data: {
        experimentId,
        name: `compat_${run}`,
        type: "FEEDBACK",
        title: "Q",
        categorical: { options: ["a", "b"] },
      },
    });
    expect((await compat.json()).input).toEqual({ type: "categorical", options: ["a", "b"] });
  });

  test("a reviewer sees only sessions assigned to them; the API refuses the rest", async () => {
    const reviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
    await admin.post("/api/labeling/schemas", {
      data: {
        experimentId,
        name: `acc_${run}`,
        type: "feedback",
        title: "Q",
        input: { type: "categorical", options: ["yes", "no"] },
      },
    });
    const mk = async (name: string, assigned: string[]) =>
      (
        await (
          await admin.post("/api/labeling/sessions", {
            data: { experimentId, name, labelSchemas: [`acc_${run}`], assignedUsers: assigned },
          })
        ).json()
      ).id as string;
    const mine = await mk(`mine ${run}`, [E2E.reviewer.email]);
    const other = await mk(`other ${run}`, [E2E.developer.email]);
    const listed = (
      await (await reviewer.get(`/api/labeling/sessions?experimentId=${experimentId}`)).json()
    ).sessions.map((s: { id: string }) => s.id);
    expect(listed).toContain(mine);
    expect(listed).not.toContain(other);
    expect((await reviewer.get(`/api/labeling/sessions/${other}`)).status()).toBe(404);
    expect((await reviewer.post(`/api/labeling/sessions/${other}/next`)).status()).toBe(404);
    expect((await reviewer.get(`/api/labeling/sessions/${mine}/results`)).status()).toBe(403);
    expect(
      (
        await reviewer.post("/api/labeling/sessions", {
          data: { experimentId, name: "x", labelSchemas: [`acc_${run}`] },
        })
      ).status(),
    ).toBe(403);
    const queue = (await (await reviewer.get("/api/labeling/review/sessions")).json()).sessions.map(
      (s: { id: string }) => s.id,
    );
    expect(queue).toContain(mine);
    expect(queue).not.toContain(other);
    await reviewer.dispose();
  });
});
