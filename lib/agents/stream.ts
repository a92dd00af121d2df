import "server-only";
/**
 * One call to an agent: POST <baseUrl>/chat/completions with `stream: true`, through the outbound
 * URL guard, reading the server-sent events as they come and handing each piece of text to
 * `onDelta` (the chat route forwards them to the browser). A server that ignores `stream` and
 * answers one JSON completion is read too. Never throws: a failure comes back in `error`, with
 * what was received so far, so the turn can be recorded as an ERROR trace.
 */
import { guardedFetch, NO_INTERNAL_HOSTS, type NetworkPolicy } from "@/lib/security/url-guard";
import type { ResolvedAgent } from "./service";
import { eventData, parseChunk, splitEvents } from "./sse";

/** Agent answers larger than this are cut off (they are stored in a trace). */
export const MAX_AGENT_RESPONSE_BYTES = 2 * 1024 * 1024;

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface AgentCall {
  url: string;
  request: { model: string; messages: ChatMessage[]; stream: true };
  output: string;
  status: number | null;
  error?: string;
  startMs: number;
  endMs: number;
  model: string;
  usage?: { input: number | null; output: number | null };
}

const trimSlash = (s: string) => s.replace(/\/+$/, "");

function failure(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError") return `The agent did not answer within ${Math.round(timeoutMs / 1000)} s.`;
  if (err?.name === "AbortError") return "The call to the agent was stopped.";
  if (err?.name === "BlockedUrlError") return `The agent's address is not allowed: ${err.message}`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `The agent could not be reached (${cause ?? err?.message ?? String(e)}).`;
}

async function errorText(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const j = JSON.parse(text) as { error?: { message?: string } | string };
    const m = typeof j.error === "string" ? j.error : j.error?.message;
    if (m) return m;
  } catch {
    // not JSON: the first words of the text say enough
  }
  return text.slice(0, 200) || res.statusText;
}

export async function streamAgentAnswer(
  agent: ResolvedAgent,
  messages: ChatMessage[],
  opts: { onDelta?: (text: string) => void; signal?: AbortSignal; network?: NetworkPolicy } = {},
): Promise<AgentCall> {
  const startMs = Date.now();
  const url = `${trimSlash(agent.baseUrl)}/chat/completions`;
  const request = { model: agent.model, messages, stream: true as const };
  const base = { url, request, startMs, model: agent.model };
  let output = "";
  let status: number | null = null;
  let usage: AgentCall["usage"];
  let model = agent.model;
  try {
    const res = await guardedFetch(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream, application/json",
          ...(agent.apiKey ? { authorization: `Bearer ${agent.apiKey}` } : {}),
        },
        body: JSON.stringify(request),
        signal: opts.signal,
      },
      {
        field: "agent baseUrl",
        policy: opts.network ?? NO_INTERNAL_HOSTS,
        timeoutMs: agent.timeoutMs,
        maxResponseBytes: MAX_AGENT_RESPONSE_BYTES,
      },
    );
    status = res.status;
    if (res.status >= 400) {
      const message = await errorText(res);
      return { ...base, output, status, endMs: Date.now(), error: `The agent answered HTTP ${res.status}: ${message}` };
    }
    const type = res.headers.get("content-type") ?? "";
    if (!type.includes("text/event-stream")) {
      // A server that does not stream: one completion.
      const json = (await res.json()) as {
        model?: string;
        choices?: { message?: { content?: string } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
      };
      const content = json.choices?.[0]?.message?.content;
      if (typeof content !== "string")
        return {
          ...base,
          output,
          status,
          endMs: Date.now(),
          error: "The agent's answer has no choices[0].message.content.",
        };
      opts.onDelta?.(content);
      return {
        ...base,
        model: json.model ?? model,
        output: content,
        status,
        endMs: Date.now(),
        ...(json.usage
          ? { usage: { input: json.usage.prompt_tokens ?? null, output: json.usage.completion_tokens ?? null } }
          : {}),
      };
    }
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let finished = false;
    while (!finished) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      const { events, rest } = splitEvents(buffer);
      buffer = rest;
      for (const event of events) {
        const data = eventData(event);
        if (data === null) continue;
        const chunk = parseChunk(data);
        if (chunk.error) {
          await reader.cancel().catch(() => {});
          return {
            ...base,
            model,
            output,
            status,
            usage,
            endMs: Date.now(),
            error: `The agent reported an error: ${chunk.error}`,
          };
        }
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        if (chunk.delta) {
          output += chunk.delta;
          opts.onDelta?.(chunk.delta);
        }
        if (chunk.done) finished = true;
      }
    }
    if (!finished) {
      return {
        ...base,
        model,
        output,
        status,
        usage,
        endMs: Date.now(),
        error: "The agent's answer stopped before it was complete.",
      };
    }
    return { ...base, model, output, status, usage, endMs: Date.now() };
  } catch (e) {
    return { ...base, model, output, status, usage, endMs: Date.now(), error: failure(e, agent.timeoutMs) };
  }
}
