/**
 * Calling the application under evaluation for one row: an OpenAI-compatible chat completions
 * endpoint, or a plain JSON POST with a field mapping. Never throws: a failed call comes back
 * with `error`, and the raw request/response are kept so the call can be recorded as a trace.
 */
import type { TOutputSource } from "@/lib/evaluation/schemas";
import { extractAssistantText } from "@/lib/evaluation/scorers/text";
import { guardedFetch, NO_INTERNAL_HOSTS, type NetworkPolicy } from "@/lib/security/url-guard";

/** App answers larger than this are refused (they are stored in a trace). */
export const MAX_APP_RESPONSE_BYTES = 5 * 1024 * 1024;

export type AppSource = Exclude<TOutputSource, { kind: "trace" }>;

export interface AppCall {
  url: string;
  request: unknown;
  response: unknown;
  output: unknown;
  status: number | null;
  error?: string;
  startMs: number;
  endMs: number;
  model?: string;
  usage?: { input: number | null; output: number | null };
}

/** `a.b.0.c` into a JSON value; undefined when any step is missing. */
export function getPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.split(".")) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = /^\d+$/.test(key) ? cur[Number(key)] : undefined;
    else if (typeof cur === "object") cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** Chat messages for a row: its own `messages` list, else one user message (a chosen key, or all inputs as JSON). */
export function chatMessages(
  inputs: Record<string, unknown>,
  source: Extract<AppSource, { kind: "openai_chat" }>,
): unknown[] {
  const system = source.systemPrompt ? [{ role: "system", content: source.systemPrompt }] : [];
  if (source.inputKey) {
    const v = inputs[source.inputKey];
    return [...system, { role: "user", content: typeof v === "string" ? v : JSON.stringify(v ?? null) }];
  }
  if (Array.isArray(inputs.messages)) return [...system, ...inputs.messages];
  const only = Object.values(inputs);
  const content = only.length === 1 && typeof only[0] === "string" ? only[0] : JSON.stringify(inputs);
  return [...system, { role: "user", content }];
}

const trimSlash = (s: string) => s.replace(/\/+$/, "");

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  field: string,
  network: NetworkPolicy,
  signal?: AbortSignal,
) {
  // Through the server-side request guard: internal addresses only when an admin allowed them.
  const res = await guardedFetch(
    url,
    {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    },
    { field, policy: network, timeoutMs, maxResponseBytes: MAX_APP_RESPONSE_BYTES },
  );
  const text = await res.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // keep the text: a non-JSON answer is recorded as is
  }
  return { status: res.status, json };
}

function failure(e: unknown, timeoutMs: number): string {
  const err = e as Error;
  if (err?.name === "TimeoutError") return `app call timed out after ${timeoutMs} ms`;
  if (err?.name === "AbortError") return "app call aborted";
  if (err?.name === "BlockedUrlError") return `app call refused: ${err.message}`;
  return `app call failed: ${err?.message ?? String(e)}`;
}

export async function callApp(
  source: AppSource,
  inputs: Record<string, unknown>,
  signal?: AbortSignal,
  network: NetworkPolicy = NO_INTERNAL_HOSTS,
): Promise<AppCall> {
  const startMs = Date.now();
  if (source.kind === "openai_chat") {
    const url = `${trimSlash(source.baseUrl)}/chat/completions`;
    const request = { model: source.model, messages: chatMessages(inputs, source) };
    const headers: Record<string, string> = source.apiKey ? { authorization: `Bearer ${source.apiKey}` } : {};
    try {
      const { status, json } = await post(
        url,
        request,
        headers,
        source.timeoutMs,
        "outputSource.baseUrl",
        network,
        signal,
      );
      const base = { url, request, response: json, status, startMs, endMs: Date.now(), model: source.model };
      if (status >= 400) return { ...base, output: null, error: `app answered HTTP ${status}` };
      const text = extractAssistantText(json);
      const usage = getPath(json, "usage") as { prompt_tokens?: number; completion_tokens?: number } | undefined;
      const u = { input: usage?.prompt_tokens ?? null, output: usage?.completion_tokens ?? null };
      if (text === undefined)
        return { ...base, output: null, usage: u, error: "app answer has no choices[0].message.content" };
      return { ...base, output: text, usage: u };
    } catch (e) {
      return {
        url,
        request,
        response: null,
        output: null,
        status: null,
        error: failure(e, source.timeoutMs),
        startMs,
        endMs: Date.now(),
        model: source.model,
      };
    }
  }
  const request = source.bodyKey ? { [source.bodyKey]: inputs } : inputs;
  try {
    const { status, json } = await post(
      source.url,
      request,
      source.headers,
      source.timeoutMs,
      "outputSource.url",
      network,
      signal,
    );
    const base = { url: source.url, request, response: json, status, startMs, endMs: Date.now() };
    if (status >= 400) return { ...base, output: null, error: `app answered HTTP ${status}` };
    const output = source.responsePath ? getPath(json, source.responsePath) : json;
    if (output === undefined) return { ...base, output: null, error: `app answer has no '${source.responsePath}'` };
    return { ...base, output };
  } catch (e) {
    return {
      url: source.url,
      request,
      response: null,
      output: null,
      status: null,
      error: failure(e, source.timeoutMs),
      startMs,
      endMs: Date.now(),
    };
  }
}
