import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callJudge } from "@/lib/evaluation/judges/client";
import { judgeScorer } from "@/lib/evaluation/judges/judge-scorer";
import { startFakeChatServer, type FakeChatServer } from "@/lib/evaluation/judges/testing/fake-chat-server";
import {
  ZJudgeEndpointConfig,
  ZScorerConfig,
  type TJudgeEndpointConfig,
  type TBuiltinJudgeConfig,
} from "@/lib/evaluation/schemas";
import type { ScorerContext, ScorerInput } from "@/lib/evaluation/scorers/types";

let server: FakeChatServer;
const LOCAL = { allowed: ["127.0.0.1"] };
beforeAll(async () => {
  server = await startFakeChatServer();
});
afterAll(async () => {
  await server.close();
});

function endpoint(over: Partial<TJudgeEndpointConfig> = {}): TJudgeEndpointConfig {
  return ZJudgeEndpointConfig.parse({ baseUrl: server.baseUrl, apiKey: "test-key", model: "judge-model-1", ...over });
}
/** Records backoff delays instead of waiting them out. */
function ctx(over: Partial<TJudgeEndpointConfig> = {}): ScorerContext & { slept: number[] } {
  const slept: number[] = [];
  // The fake judge runs on 127.0.0.1: allowed explicitly, as an admin would in Settings.
  return { judge: endpoint(over), sleep: async (ms) => void slept.push(ms), network: LOCAL, slept };
}
const judge = (config: object) => judgeScorer(ZScorerConfig.parse(config) as TBuiltinJudgeConfig);
const row = (
  outputs: unknown,
  expectations: Record<string, unknown> = {},
  extra: Partial<ScorerInput> = {},
): ScorerInput => ({
  inputs: { question: "What is the capital of France?" },
  outputs,
  expectations,
  ...extra,
});

describe("predefined judges against a real OpenAI-compatible server", () => {
  it("correctness: yes/no with rationale, source LLM_JUDGE/<model>, temperature 0", async () => {
    const s = judge({ type: "correctness" });
    expect(s).toMatchObject({ name: "correctness", kind: "LLM_JUDGE" });
    const yes = await s.score(row("The capital of France is Paris.", { expected_response: "Paris" }), ctx());
    expect(yes).toEqual({
      value: "yes",
      rationale: "The response contains the expected response.",
      source: { type: "LLM_JUDGE", id: "judge-model-1" },
      // The tokens the endpoint reported (the fake server says 1 and 1): monitoring prices them.
      usage: { inputTokens: 1, outputTokens: 1 },
    });
    const no = await s.score(
      row({ choices: [{ message: { role: "assistant", content: "It is Lyon." } }] }, { expected_response: "Paris" }),
      ctx(),
    );
    expect(no).toMatchObject({ value: "no", rationale: "The response lacks the expected response." });

    const last = server.requests.at(-1)!;
    expect(last.body).toMatchObject({ model: "judge-model-1", temperature: 0 });
    expect(last.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(last.headers.authorization).toBe("Bearer test-key");
    expect(last.prompt).toContain("It is Lyon."); // the assistant text, not the completion JSON
  });

  it("correctness prefers expected_facts and errors without any expectation (no call made)", async () => {
    const s = judge({ type: "correctness" });
    const r = await s.score(
      row("Paris is the capital and largest city.", {
        expected_facts: ["paris is the capital", "largest city"],
        expected_response: "zzz",
      }),
      ctx(),
    );
    expect(r.value).toBe("yes");
    const before = server.requests.length;
    const missing = await s.score(row("Paris"), ctx());
    expect(missing).toMatchObject({
      value: null,
      error: expect.stringMatching(/expected_response or expectations.expected_facts/),
    });
    expect(server.requests.length).toBe(before);
  });

  it("guidelines, relevance_to_query and safety", async () => {
    const g = judge({ type: "guidelines", name: "tone", guidelines: ["Be polite", "Answer in English"] });
    expect(g.name).toBe("tone");
    expect(await g.score(row("Paris, of course!"), ctx())).toMatchObject({ value: "yes" });
    expect(await g.score(row("BREAKS_RULE rude answer"), ctx())).toMatchObject({ value: "no" });
    expect(server.requests.at(-1)!.prompt).toContain("1. Be polite\n2. Answer in English");

    const rel = judge({ type: "relevance_to_query" });
    expect(await rel.score(row("OFF_TOPIC: here is a cake recipe"), ctx())).toMatchObject({ value: "no" });
    expect(server.requests.at(-1)!.prompt).toContain('"question": "What is the capital of France?"');

    const safety = judge({ type: "safety" });
    expect(await safety.score(row("Paris."), ctx())).toMatchObject({ value: "yes" });
    expect(await safety.score(row("UNSAFE content"), ctx())).toMatchObject({ value: "no" });
  });

  it("retrieval_groundedness reads documents from RETRIEVER spans", async () => {
    const s = judge({ type: "retrieval_groundedness" });
    const trace = {
      latencyMs: 10,
      state: "OK",
      spans: [
        {
          name: "retrieve",
          spanType: "RETRIEVER",
          outputs: [{ page_content: "Paris is the capital of France.", metadata: { doc_uri: "a" } }],
        },
        { name: "llm", spanType: "CHAT_MODEL", outputs: "ignored" },
      ],
    };
    expect(await s.score(row("Paris is the capital of France.", {}, { trace }), ctx())).toMatchObject({ value: "yes" });
    expect(server.requests.at(-1)!.prompt).toContain(
      '<document index="1">\nParis is the capital of France.\n</document>',
    );
    expect(await s.score(row("Berlin is the capital of France.", {}, { trace }), ctx())).toMatchObject({ value: "no" });
    const noRetriever = await s.score(row("x", {}, { trace: { ...trace, spans: [trace.spans[1]] } }), ctx());
    expect(noRetriever).toMatchObject({ value: null, error: "trace has no RETRIEVER span" });
    expect(await s.score(row("x"), ctx())).toMatchObject({
      value: null,
      error: expect.stringMatching(/needs the trace/),
    });
  });

  it("parses a verdict wrapped in prose and code fences, or a bare leading yes/no", async () => {
    const s = judge({ type: "correctness" });
    expect(await s.score(row("Paris TRIGGER_PROSE", { expected_response: "Paris" }), ctx())).toMatchObject({
      value: "yes",
      rationale: "The response contains the expected response.",
    });
    expect(await s.score(row("Lyon TRIGGER_LEADING", { expected_response: "Paris" }), ctx())).toMatchObject({
      value: "no",
      rationale: "The response lacks the expected response.",
    });
  });

  it("garbage answers are retried with exponential backoff, then reported as an error", async () => {
    const c = ctx({ maxRetries: 3 });
    const r = await judge({ type: "safety" }).score(row("TRIGGER_GARBAGE"), c);
    expect(r).toMatchObject({
      value: null,
      error: expect.stringMatching(/^malformed judge answer: .* \(after 4 attempts\)$/),
    });
    expect(server.count("TRIGGER_GARBAGE")).toBe(4);
    expect(c.slept).toEqual([500, 1000, 2000]);
  });

  it("a timeout is retried and finally reported as an error, never thrown", async () => {
    const c = ctx({ timeoutMs: 150, maxRetries: 1 });
    const started = Date.now();
    const r = await judge({ type: "safety" }).score(row("TRIGGER_TIMEOUT"), c);
    expect(r).toMatchObject({
      value: null,
      error: "judge timed out after 150 ms (after 2 attempts)",
      source: { id: "judge-model-1" },
    });
    expect(server.count("TRIGGER_TIMEOUT")).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a transient 500 is retried, then succeeds", async () => {
    const c = ctx();
    const r = await judge({ type: "correctness" }).score(
      row("Paris TRIGGER_500_ONCE", { expected_response: "Paris" }),
      c,
    );
    expect(r).toMatchObject({ value: "yes" });
    expect(server.count("TRIGGER_500_ONCE")).toBe(2);
    expect(c.slept).toEqual([500]);
  });

  it("429 honours Retry-After when longer than the backoff", async () => {
    const c = ctx();
    expect(await judge({ type: "safety" }).score(row("TRIGGER_429_ONCE"), c)).toMatchObject({ value: "yes" });
    expect(c.slept).toEqual([2000]);
  });

  it("401 is not retried", async () => {
    const c = ctx({ maxRetries: 3 });
    const r = await judge({ type: "safety" }).score(row("TRIGGER_401"), c);
    expect(r).toMatchObject({ value: null, error: expect.stringMatching(/^judge HTTP 401/) });
    expect(server.count("TRIGGER_401")).toBe(1);
    expect(c.slept).toEqual([]);
  });

  it("without the host in the allow-list the judge is not called, and the error names the setting", async () => {
    const c = ctx({ maxRetries: 3 });
    const before = server.requests.length;
    const r = await callJudge(c.judge!, { system: "s", user: "<response>\nhello\n</response>" }, { sleep: c.sleep });
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^judge call refused: judge baseUrl: .*\(loopback\)/),
    });
    expect(r.ok ? "" : r.error).toContain("Settings → Allowed internal hosts (add '127.0.0.1')");
    expect(server.requests.length).toBe(before);
    expect(c.slept).toEqual([]);
  });

  it("maxRetries 0 makes a single attempt", async () => {
    const c = ctx({ maxRetries: 0 });
    const r = await callJudge(
      c.judge!,
      { system: "s", user: "<response>\nTRIGGER_GARBAGE zero\n</response>" },
      { sleep: c.sleep, network: LOCAL },
    );
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/\(after 1 attempt\)$/) });
    expect(server.count("TRIGGER_GARBAGE zero")).toBe(1);
  });

  it("leaves no listener on the run's signal after each call (no MaxListenersExceededWarning over a long run)", async () => {
    const run = new AbortController();
    const c = ctx({ maxRetries: 0 });
    for (let i = 0; i < 12; i++) {
      const r = await callJudge(
        c.judge!,
        { system: "s", user: `<response>\nlisteners ${i}\n</response>` },
        { sleep: c.sleep, network: LOCAL, signal: run.signal },
      );
      expect(r.ok).toBe(true);
    }
    expect(getEventListeners(run.signal, "abort")).toHaveLength(0);
  });

  it("an aborted run stops without calling the judge", async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await judge({ type: "safety" }).score(row("aborted-row"), { ...ctx(), signal: ac.signal });
    expect(r).toMatchObject({ value: null, error: "judge call aborted" });
    expect(server.count("aborted-row")).toBe(0);
  });

  it("without apiKey, the server's OPENAI_API_KEY is not sent to the configured endpoint", async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = "sk-server-secret";
    try {
      await judge({ type: "safety" }).score(row("keyless-row"), ctx({ apiKey: undefined }));
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
    const req = server.requests.find((q) => q.prompt.includes("keyless-row"))!;
    expect(req.headers.authorization).toBe("Bearer no-key");
  });

  it("without an endpoint, judges return an error result", async () => {
    expect(await judge({ type: "safety" }).score(row("x"), {})).toEqual({
      value: null,
      error: "safety: no judge endpoint configured",
    });
  });
});
