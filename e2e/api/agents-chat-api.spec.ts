/**
 * The HTTP contract of agents, chats and compare sessions (issue 13): 4xx JSON naming what and
 * where, roles, the URL guard on save, and the key never in an answer.
 */
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageState } from "../support/env";

let dev: APIRequestContext;
let reviewer: APIRequestContext;
let experimentId = "";
test.beforeAll(async () => {
  dev = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("developer") });
  reviewer = await request.newContext({ baseURL: E2E.baseURL, storageState: storageState("reviewer") });
  experimentId = (await (await dev.post("/api/experiments", { data: { name: `agents-api-${Date.now()}` } })).json()).id;
});
test.afterAll(async () => {
  await dev?.dispose();
  await reviewer?.dispose();
});

test("agents: validated input, the guard on save, no key in answers, developers only", async () => {
  const bad = await dev.post(`/api/experiments/${experimentId}/agents`, {
    data: { name: "", baseUrl: "ftp://x", model: "" },
  });
  expect(bad.status()).toBe(400);
  const paths = ((await bad.json()).details.issues as { path: string }[]).map((i) => i.path);
  expect(paths).toEqual(expect.arrayContaining(["body.name", "body.baseUrl", "body.model"]));

  const metadata = await dev.post(`/api/experiments/${experimentId}/agents`, {
    data: { name: "meta", baseUrl: "http://169.254.169.254/v1", model: "m" },
  });
  expect(metadata.status()).toBe(400);
  expect(JSON.stringify(await metadata.json())).toContain("body.baseUrl");

  const created = await dev.post(`/api/experiments/${experimentId}/agents`, {
    data: { name: "ok", baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: "sk-api-spec-secret-4242" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const agent = await created.json();
  expect(agent).toMatchObject({ apiKeySet: true, apiKeyHint: "…4242" });
  const listed = await dev.get(`/api/experiments/${experimentId}/agents`);
  expect(await listed.text()).not.toContain("sk-api-spec-secret");
  expect((await reviewer.get(`/api/experiments/${experimentId}/agents`)).status()).toBe(403);
  expect((await reviewer.patch(`/api/agents/${agent.id}`, { data: { model: "x" } })).status()).toBe(403);
  expect((await dev.patch(`/api/agents/${agent.id}`, { data: {} })).status()).toBe(400);
  expect((await dev.delete(`/api/agents/${agent.id}`)).status()).toBe(200);
  expect((await dev.get(`/api/agents/${agent.id}`)).status()).toBe(404);
});

test("chat and compare routes say what is wrong", async () => {
  const schema = `api_${Date.now().toString(36)}`;
  await dev.post("/api/labeling/schemas", {
    data: {
      experimentId,
      name: schema,
      type: "feedback",
      title: "Ok?",
      input: { type: "categorical", options: ["y", "n"] },
    },
  });
  const session = await (
    await dev.post("/api/labeling/sessions", {
      data: { experimentId, name: "api chat", labelSchemas: [schema], assignedUsers: [E2E.reviewer.email] },
    })
  ).json();
  const noAgent = await reviewer.post(`/api/labeling/sessions/${session.id}/chat/messages`, {
    data: { message: "hi" },
  });
  expect(noAgent.status()).toBe(400);
  expect((await noAgent.json()).message).toContain("no agent");
  const empty = await reviewer.post(`/api/labeling/sessions/${session.id}/chat/messages`, { data: { message: "  " } });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).details.issues[0].path).toBe("body.message");
  expect((await reviewer.get(`/api/labeling/sessions/${session.id}/chat`)).status()).toBe(200);
  const wrongAgent = await dev.put(`/api/labeling/sessions/${session.id}/agent`, { data: { agentId: "nope" } });
  expect(wrongAgent.status()).toBe(400);
  expect((await reviewer.put(`/api/labeling/sessions/${session.id}/agent`, { data: { agentId: null } })).status()).toBe(
    403,
  );

  const compare = await dev.post("/api/pairwise/sessions", {
    data: { experimentId, name: "x", evaluationRunIdA: "a", evaluationRunIdB: "a" },
  });
  expect(compare.status()).toBe(400);
  expect((await compare.json()).details.issues[0].path).toBe("body.evaluationRunIdB");
  // An ordinary session is not a comparison.
  expect((await dev.get(`/api/pairwise/sessions/${session.id}/results`)).status()).toBe(404);
  expect((await reviewer.post("/api/pairwise/sessions", { data: {} })).status()).toBe(403);

  // From agents: the same agent twice, no inputs, an agent of no experiment, reviewers.
  const issuesOf = async (data: Record<string, unknown>) => {
    const res = await dev.post("/api/pairwise/sessions/from-agents", { data: { experimentId, name: "ab", ...data } });
    expect(res.status()).toBe(400);
    return ((await res.json()).details.issues as { path: string; message: string }[]).map((i) => i.path);
  };
  expect(await issuesOf({ agentIdA: "x", agentIdB: "x", inputs: ["q"] })).toEqual(["body.agentIdB"]);
  expect(await issuesOf({ agentIdA: "x", agentIdB: "y" })).toEqual(["body.inputs"]);
  expect(await issuesOf({ agentIdA: "x", agentIdB: "y", inputs: ["q"] })).toEqual(["body.agentIdA"]);
  expect(
    (await reviewer.post("/api/pairwise/sessions/from-agents", { data: { experimentId, name: "ab" } })).status(),
  ).toBe(403);
  // Finishing a chat that is not yours (or does not exist) is a 404.
  const finish = await reviewer.post(`/api/labeling/sessions/${session.id}/chat/finish`, {
    data: { chatId: "chat-nope" },
  });
  expect(finish.status()).toBe(404);
});
