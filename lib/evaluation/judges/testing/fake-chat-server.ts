/**
 * A real HTTP server speaking OpenAI chat completions, for judge tests (no mocks of the SDK).
 * It decides from the prompt text, so tests exercise prompt construction, transport and parsing
 * end to end. Trigger words in the judged response select failure modes:
 *   TRIGGER_TIMEOUT   never answers (until the client gives up)
 *   TRIGGER_GARBAGE   answers prose with no verdict
 *   TRIGGER_500_ONCE  HTTP 500 the first time this exact prompt is seen, then a normal answer
 *   TRIGGER_429_ONCE  HTTP 429 with `Retry-After: 2` once, then a normal answer
 *   TRIGGER_401       HTTP 401 every time
 *   TRIGGER_PROSE     the JSON verdict wrapped in prose and a code fence
 *   TRIGGER_LEADING   a bare "Yes."/"No." answer instead of JSON
 * A request whose model starts with "app" is answered as the app under evaluation would be:
 * "The answer is <last user message>" (prefixed "In short: " for a model ending in -v2; HTTP 500
 * when that message contains APP_FAIL).
 * A request with `stream: true` (the Review App's chat agents) is answered as server-sent events,
 * a few words per chunk: "Turn <n>: you said <last user message>" where n counts the user messages
 * sent (so tests see the history; prefixed "In short: " for a model ending in -v2), or HTTP 500
 * when the message contains AGENT_FAIL.
 * Otherwise the verdict is "yes" when the response contains the expected response (or every
 * expected fact, or is contained in the retrieved context), and "no" when it contains
 * UNSAFE / OFF_TOPIC / BREAKS_RULE.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: { model: string; temperature?: number; stream?: boolean; messages: { role: string; content: string }[] };
  prompt: string;
}

export interface FakeChatServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests whose prompt contains `needle`. */
  count(needle: string): number;
  close(): Promise<void>;
}

const between = (text: string, tag: string) => {
  const m = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text);
  return m ? m[1] : undefined;
};

function verdict(prompt: string): { result: "yes" | "no"; rationale: string } {
  const response = (between(prompt, "response") ?? "").toLowerCase();
  if (/unsafe|off_topic|breaks_rule/.test(response))
    return { result: "no", rationale: "The response contains a flagged marker." };
  const expected = between(prompt, "expected_response");
  if (expected !== undefined) {
    const ok = response.includes(expected.toLowerCase());
    return {
      result: ok ? "yes" : "no",
      rationale: ok ? "The response contains the expected response." : "The response lacks the expected response.",
    };
  }
  const facts = between(prompt, "expected_facts");
  if (facts !== undefined) {
    const missing = facts
      .split("\n")
      .map((f) => f.replace(/^- /, "").toLowerCase())
      .filter((f) => !response.includes(f));
    return missing.length === 0
      ? { result: "yes", rationale: "All expected facts are stated." }
      : { result: "no", rationale: `Missing: ${missing.join("; ")}` };
  }
  const context = between(prompt, "context");
  if (context !== undefined) {
    const ok = context.toLowerCase().includes(response);
    return { result: ok ? "yes" : "no", rationale: ok ? "Supported by the context." : "Not supported by the context." };
  }
  return { result: "yes", rationale: "Nothing wrong found." };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function completion(model: string, content: string) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Streams `content` as chat.completion.chunk events, a few words at a time, then [DONE]. */
function streamAnswer(res: ServerResponse, model: string, content: string) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const words = content.split(/(?<= )/);
  const chunk = (delta: Record<string, string>) =>
    `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", model, choices: [{ index: 0, delta }] })}\n\n`;
  res.write(chunk({ role: "assistant" }));
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i >= words.length) {
      res.write(
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: words.length } })}\n\n`,
      );
      res.end("data: [DONE]\n\n");
      return;
    }
    res.write(chunk({ content: words.slice(i, i + 2).join("") }));
    i += 2;
    setTimeout(next, 15);
  };
  next();
}

export async function startFakeChatServer(): Promise<FakeChatServer> {
  const requests: RecordedRequest[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions")
        return send(res, 404, { error: { message: "not found" } });
      const body = JSON.parse(raw) as RecordedRequest["body"];
      const prompt = body.messages.map((m) => m.content).join("\n");
      requests.push({ headers: req.headers, body, prompt });
      if (body.stream) {
        const users = body.messages.filter((m) => m.role === "user");
        const last = users.at(-1)?.content ?? "";
        if (last.includes("AGENT_FAIL")) return send(res, 500, { error: { message: "agent exploded" } });
        // An agent whose model ends in -v2 answers differently, for compare sessions of two agents.
        const prefix = body.model.endsWith("-v2") ? "In short: " : "";
        return streamAnswer(res, body.model, `${prefix}Turn ${users.length}: you said ${last}`);
      }
      if (body.model.startsWith("app")) {
        const last = body.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
        if (last.includes("APP_FAIL")) return send(res, 500, { error: { message: "app exploded" } });
        // A second version of the app (model ending in -v2) answers differently, for pairwise tests.
        const prefix = body.model.endsWith("-v2") ? "In short: " : "";
        return send(res, 200, completion(body.model, `${prefix}The answer is ${last}`));
      }
      const n = (seen.get(prompt) ?? 0) + 1;
      seen.set(prompt, n);

      if (prompt.includes("TRIGGER_TIMEOUT")) return; // hold the socket open; the client aborts it
      if (prompt.includes("TRIGGER_401")) return send(res, 401, { error: { message: "Incorrect API key provided" } });
      if (prompt.includes("TRIGGER_500_ONCE") && n === 1)
        return send(res, 500, { error: { message: "upstream exploded" } });
      if (prompt.includes("TRIGGER_429_ONCE") && n === 1)
        return send(res, 429, { error: { message: "slow down" } }, { "retry-after": "2" });
      if (prompt.includes("TRIGGER_GARBAGE"))
        return send(res, 200, completion(body.model, "Hmm, hard to say. It depends on many things."));

      const v = verdict(prompt);
      let content = JSON.stringify(v);
      if (prompt.includes("TRIGGER_PROSE"))
        content = `Let me think.\n\`\`\`json\n${JSON.stringify(v, null, 2)}\n\`\`\`\nHope this helps {not json}.`;
      if (prompt.includes("TRIGGER_LEADING")) content = `${v.result === "yes" ? "Yes" : "No"}. ${v.rationale}`;
      send(res, 200, completion(body.model, content));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    count: (needle) => requests.filter((r) => r.prompt.includes(needle)).length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections(); // drops the held TRIGGER_TIMEOUT sockets too
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
