/**
 * Calling an OpenAI-compatible chat completions endpoint as a judge, with our own retry loop:
 * the SDK's retries are disabled (maxRetries: 0) because we also retry *malformed answers*, which
 * the SDK cannot see, and because the backoff must be injectable for tests.
 */
import OpenAI from "openai";
import { parseJudgeAnswer } from "@/lib/evaluation/judges/parse";
import type { TJudgeEndpointConfig } from "@/lib/evaluation/schemas";
import { BlockedUrlError, guardedFetch, NO_INTERNAL_HOSTS, type NetworkPolicy } from "@/lib/security/url-guard";

export interface JudgePrompt {
  system: string;
  user: string;
}

export interface CallJudgeOptions {
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** Internal hosts an admin allowed (Settings); without it only public addresses are called. */
  network?: NetworkPolicy;
  /** Reads the model's answer; the predefined judges' yes/no parser unless given (custom judges bring their own). */
  parse?: (text: string | null | undefined) => ParsedAnswer;
}

/** A judge's answer: "yes"/"no" for the predefined judges; a category or number for custom ones. */
export type JudgeAnswer = { result: string | number; rationale: string };
export type ParsedAnswer = ({ ok: true } & JudgeAnswer) | { ok: false; error: string };

/** Tokens the endpoint reported for a call (OpenAI `usage`), for cost figures. */
export interface JudgeUsage {
  inputTokens: number;
  outputTokens: number;
}

export type JudgeCallResult = ({ ok: true; usage?: JudgeUsage } & JudgeAnswer) | { ok: false; error: string };

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
const RETRY_AFTER_MAX_MS = 30_000;

/** Exponential backoff before retry number `attempt` (0-based): 500, 1000, 2000, ... capped at 10 s. */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  // An abort cuts the wait short; the loop then sees `signal.aborted` and stops.
  return new Promise((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Builds the SDK client. Every credential option is passed explicitly: left undefined, the SDK
 * would fall back to OPENAI_API_KEY / OPENAI_ORG_ID / OPENAI_PROJECT_ID from the server's
 * environment and send them to whatever `baseUrl` a user configured. Keyless local servers
 * (Ollama, vLLM) still need a non-empty key to satisfy the SDK, hence the placeholder.
 * Every request goes through the server-side request guard (lib/security/url-guard.ts).
 */
export function createJudgeClient(endpoint: TJudgeEndpointConfig, network: NetworkPolicy = NO_INTERNAL_HOSTS): OpenAI {
  return new OpenAI({
    baseURL: endpoint.baseUrl,
    apiKey: endpoint.apiKey ?? "no-key",
    organization: null,
    project: null,
    adminAPIKey: null,
    timeout: endpoint.timeoutMs,
    maxRetries: 0,
    fetch: (url, init) =>
      guardedFetch(url as string, init ?? {}, {
        field: "judge baseUrl",
        policy: network,
        timeoutMs: endpoint.timeoutMs + 1000,
        maxResponseBytes: 5 * 1024 * 1024,
      }),
  });
}

type Attempt =
  | { ok: true; verdict: JudgeAnswer; usage?: JudgeUsage }
  | { ok: false; error: string; retryable: boolean; retryAfterMs?: number };

/** 408/409/429/5xx and network failures may pass on a retry; other 4xx (bad key, unknown model) will not. */
function classifyError(e: unknown, timeoutMs: number): Attempt {
  if (e instanceof OpenAI.APIConnectionTimeoutError)
    return { ok: false, error: `judge timed out after ${timeoutMs} ms`, retryable: true };
  if (e instanceof OpenAI.APIUserAbortError) return { ok: false, error: "judge call aborted", retryable: false };
  // The server-side request guard refused the URL: say why (the SDK would only say "Connection error").
  const cause = (e as { cause?: unknown })?.cause;
  if (cause instanceof BlockedUrlError)
    return { ok: false, error: `judge call refused: ${cause.message}`, retryable: false };
  if (e instanceof OpenAI.APIConnectionError)
    return { ok: false, error: `judge connection failed: ${e.message}`, retryable: true };
  if (e instanceof OpenAI.APIError) {
    const status = e.status ?? 0;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    const ra = Number(e.headers?.get("retry-after"));
    const retryAfterMs = Number.isFinite(ra) && ra > 0 ? Math.min(ra * 1000, RETRY_AFTER_MAX_MS) : undefined;
    return { ok: false, error: `judge HTTP ${status}: ${e.message}`, retryable, retryAfterMs };
  }
  return { ok: false, error: `judge call failed: ${e instanceof Error ? e.message : String(e)}`, retryable: false };
}

/**
 * Runs `call` with a signal of its own that follows `parent` and is unlinked when the call ends.
 * The openai client adds an "abort" listener to the signal it is given and never removes it; an
 * evaluation run hands one run-wide signal to every judge call, so without this the run's
 * signal collected a listener per call and Node printed MaxListenersExceededWarning after ten.
 */
export async function withCallSignal<T>(
  parent: AbortSignal | undefined,
  call: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (!parent) return call(undefined);
  const own = new AbortController();
  const follow = () => own.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener("abort", follow, { once: true });
  try {
    return await call(own.signal);
  } finally {
    parent.removeEventListener("abort", follow);
  }
}

async function attemptOnce(
  client: OpenAI,
  endpoint: TJudgeEndpointConfig,
  prompt: JudgePrompt,
  signal?: AbortSignal,
  parse: (text: string | null | undefined) => ParsedAnswer = parseJudgeAnswer,
): Promise<Attempt> {
  try {
    const completion = await withCallSignal(signal, (own) =>
      client.chat.completions.create(
        {
          model: endpoint.model,
          temperature: 0,
          messages: [
            { role: "system", content: prompt.system },
            { role: "user", content: prompt.user },
          ],
        },
        { signal: own },
      ),
    );
    const parsed = parse(completion.choices?.[0]?.message?.content);
    const usage = completion.usage
      ? { inputTokens: completion.usage.prompt_tokens ?? 0, outputTokens: completion.usage.completion_tokens ?? 0 }
      : undefined;
    return parsed.ok
      ? { ok: true, verdict: { result: parsed.result, rationale: parsed.rationale }, usage }
      : { ...parsed, retryable: true };
  } catch (e) {
    return classifyError(e, endpoint.timeoutMs);
  }
}

/**
 * Asks the judge once, retrying transient failures (timeouts, connection errors, 408/409/429/5xx,
 * malformed answers) up to `endpoint.maxRetries` times with exponential backoff (honouring a
 * Retry-After header when longer). Never throws: the last error comes back as `{ ok: false }`.
 */
export async function callJudge(
  endpoint: TJudgeEndpointConfig,
  prompt: JudgePrompt,
  opts: CallJudgeOptions = {},
  client: OpenAI = createJudgeClient(endpoint, opts.network),
): Promise<JudgeCallResult> {
  const sleep = opts.sleep ?? ((ms: number) => defaultSleep(ms, opts.signal));
  const attempts = endpoint.maxRetries + 1;
  let last: Attempt = { ok: false, error: "judge was not called", retryable: false };
  for (let i = 0; i < attempts; i++) {
    if (opts.signal?.aborted) return { ok: false, error: "judge call aborted" };
    last = await attemptOnce(client, endpoint, prompt, opts.signal, opts.parse);
    if (last.ok) return { ok: true, ...last.verdict, ...(last.usage ? { usage: last.usage } : {}) };
    if (!last.retryable || i === attempts - 1) break;
    await sleep(Math.max(backoffMs(i), last.retryAfterMs ?? 0));
  }
  const tries = last.retryable ? ` (after ${attempts} attempt${attempts === 1 ? "" : "s"})` : "";
  return { ok: false, error: `${last.error}${tries}` };
}
