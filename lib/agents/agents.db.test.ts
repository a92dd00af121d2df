/** Agents against the real databases: keys encrypted at rest and never in a DTO, URLs vetted, one name per experiment. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { setAllowedHosts } from "@/lib/allowed-hosts/service";
import {
  createAgent,
  deleteAgentByName,
  listAgents,
  resolveSessionAgent,
  setSessionAgent,
  updateAgent,
} from "@/lib/agents/service";
import { db, makeExperiment } from "@/test/db";
import { makeSession, makeUser } from "@/test/labeling";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("ADMIN");
  await setAllowedHosts(admin, { hosts: ["127.0.0.1"] });
});
afterAll(async () => {
  await setAllowedHosts(admin, { hosts: [] });
});

describe("agents", () => {
  it("stores the key encrypted, shows only a hint, and keeps, replaces or removes it on update", async () => {
    const exp = await makeExperiment();
    const dev = await makeUser("DEVELOPER");
    const agent = await createAgent(dev, exp.id, {
      name: "support bot",
      baseUrl: "http://127.0.0.1:9/v1",
      model: "agent-1",
      apiKey: "sk-secret-agent-key-1234",
      systemPrompt: "Be brief.",
    });
    expect(agent).toMatchObject({ name: "support bot", apiKeySet: true, apiKeyHint: "…1234", timeoutMs: 60000 });
    expect(JSON.stringify(agent)).not.toContain("sk-secret");
    const row = await db().agent.findUniqueOrThrow({ where: { id: agent.id } });
    expect(row.apiKey).toMatch(/^enc:v1:/);
    expect(row.apiKey).not.toContain("sk-secret");

    expect((await updateAgent(dev, agent.id, { model: "agent-2" })).apiKeyHint).toBe("…1234");
    expect((await updateAgent(dev, agent.id, { apiKey: "sk-other-9876" })).apiKeyHint).toBe("…9876");
    expect((await updateAgent(dev, agent.id, { apiKey: null })).apiKeySet).toBe(false);
    expect((await listAgents(dev, exp.id)).agents.map((a) => a.model)).toEqual(["agent-2"]);
  });

  it("refuses reviewers, a second agent of the same name and URLs the guard refuses", async () => {
    const exp = await makeExperiment();
    const reviewer = await makeUser("REVIEWER");
    const body = { name: "a", baseUrl: "http://127.0.0.1:9/v1", model: "m" };
    await expect(createAgent(reviewer, exp.id, body)).rejects.toMatchObject({ status: 403 });
    await createAgent(admin, exp.id, body);
    await expect(createAgent(admin, exp.id, body)).rejects.toMatchObject({ status: 409 });
    await expect(
      createAgent(admin, exp.id, { ...body, name: "b", baseUrl: "http://169.254.169.254/v1" }),
    ).rejects.toThrow(/169\.254/);
    expect(await deleteAgentByName(admin, exp.id, "a")).toEqual({ deleted: true });
    await expect(deleteAgentByName(admin, exp.id, "a")).rejects.toMatchObject({ status: 404 });
  });

  it("links a session to an agent of its own experiment only, and resolves the key for the server", async () => {
    const { session, exp } = await makeSession(admin, { traces: 0, labelsPerItem: 1, reviewers: [] });
    const mine = await createAgent(admin, exp.id, {
      name: "x",
      baseUrl: "http://127.0.0.1:9/v1",
      model: "m",
      apiKey: "k-1",
    });
    const other = await createAgent(admin, (await makeExperiment()).id, {
      name: "y",
      baseUrl: "http://127.0.0.1:9/v1",
      model: "m",
    });
    await expect(setSessionAgent(admin, session.id, { agentId: other.id })).rejects.toMatchObject({ status: 400 });
    expect((await setSessionAgent(admin, session.id, { agentId: mine.id })).agent).toMatchObject({ name: "x" });
    expect(await resolveSessionAgent(session.id)).toMatchObject({ apiKey: "k-1", model: "m" });
    await setSessionAgent(admin, session.id, { agentId: null });
    expect(await resolveSessionAgent(session.id)).toBeNull();
  });
});
