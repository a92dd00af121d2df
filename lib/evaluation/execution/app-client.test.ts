import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { callApp, chatMessages, getPath } from "@/lib/evaluation/execution/app-client";
import { startFakeChatServer, type FakeChatServer } from "@/lib/evaluation/judges/testing/fake-chat-server";
import { ZOutputSource } from "@/lib/evaluation/schemas";

let chat: FakeChatServer;
let plain: Server;
let plainUrl: string;
// The fake apps run on 127.0.0.1: allowed explicitly, as an admin would in Settings.
const LOCAL = { allowed: ["127.0.0.1"] };
beforeAll(async () => {
  chat = await startFakeChatServer();
  // A plain JSON app: answers {"data": {"answer": "<question> → 42"}}, or 503 for "down".
  plain = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const body = JSON.parse(raw);
      if (body.payload?.question === "down") return res.writeHead(503).end("{}");
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ data: { answer: `${body.payload.question} → 42` } }));
    });
  });
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/answer`;
});
afterAll(async () => {
  await chat.close();
  await new Promise((r) => plain.close(r));
});

describe("calling the app under evaluation", () => {
  it("maps paths and chat messages", () => {
    expect(getPath({ a: [{ b: "x" }] }, "a.0.b")).toBe("x");
    expect(getPath({ a: 1 }, "a.b")).toBeUndefined();
    const src = ZOutputSource.parse({
      kind: "openai_chat",
      baseUrl: "http://x/v1",
      model: "m",
      systemPrompt: "Be brief",
    });
    if (src.kind !== "openai_chat") throw new Error();
    expect(chatMessages({ q: "hi" }, src)).toEqual([
      { role: "system", content: "Be brief" },
      { role: "user", content: "hi" },
    ]);
    expect(chatMessages({ messages: [{ role: "user", content: "yo" }] }, { ...src, systemPrompt: undefined })).toEqual([
      { role: "user", content: "yo" },
    ]);
    expect(chatMessages({ a: 1, b: 2 }, { ...src, systemPrompt: undefined })).toEqual([
      { role: "user", content: '{"a":1,"b":2}' },
    ]);
  });

  it("OpenAI chat: the assistant text is the output; HTTP errors are errors", async () => {
    const src = ZOutputSource.parse({
      kind: "openai_chat",
      baseUrl: chat.baseUrl,
      model: "app-x",
      inputKey: "q",
      apiKey: "k1",
    });
    if (src.kind === "trace") throw new Error();
    const ok = await callApp(src, { q: "Lyon" }, undefined, LOCAL);
    expect(ok).toMatchObject({ output: "The answer is Lyon", status: 200, model: "app-x" });
    expect(chat.requests.at(-1)!.headers.authorization).toBe("Bearer k1");
    const bad = await callApp(src, { q: "APP_FAIL" }, undefined, LOCAL);
    expect(bad).toMatchObject({ output: null, status: 500, error: "app answered HTTP 500" });
  });

  it("JSON POST: wraps inputs under bodyKey and reads responsePath", async () => {
    const src = ZOutputSource.parse({
      kind: "json_post",
      url: plainUrl,
      bodyKey: "payload",
      responsePath: "data.answer",
    });
    if (src.kind !== "json_post") throw new Error();
    expect(await callApp(src, { question: "life" }, undefined, LOCAL)).toMatchObject({
      output: "life → 42",
      request: { payload: { question: "life" } },
      status: 200,
    });
    expect(await callApp(src, { question: "down" }, undefined, LOCAL)).toMatchObject({
      error: "app answered HTTP 503",
    });
    const missing = await callApp({ ...src, responsePath: "data.nope" }, { question: "x" }, undefined, LOCAL);
    expect(missing.error).toBe("app answer has no 'data.nope'");
    const refused = await callApp({ ...src, url: "http://127.0.0.1:1/" }, { question: "x" }, undefined, LOCAL);
    expect(refused.error).toMatch(/^app call failed/);
    // Without the allow-list the server does not call 127.0.0.1 at all, and says which setting allows it.
    const blocked = await callApp(src, { question: "life" });
    expect(blocked.error).toMatch(
      /^app call refused: outputSource\.url: '127\.0\.0\.1:\d+' is 127\.0\.0\.1 \(loopback\)/,
    );
    expect(blocked.error).toContain("Settings → Allowed internal hosts (add '127.0.0.1')");
  });
});
