/**
 * Reading an OpenAI-compatible streaming answer (`stream: true`): server-sent events whose `data:`
 * lines hold chat.completion.chunk JSON, ended by `data: [DONE]`. Pure, so it is unit tested.
 */

export interface ChunkText {
  /** Text to append to the answer (possibly empty). */
  delta: string;
  done: boolean;
  model?: string;
  usage?: { input: number | null; output: number | null };
  /** An error object some servers send mid-stream instead of a chunk. */
  error?: string;
}

/** Splits a growing buffer into complete events; returns them and the unfinished rest. */
export function splitEvents(buffer: string): { events: string[]; rest: string } {
  const normalised = buffer.replace(/\r\n/g, "\n");
  const parts = normalised.split("\n\n");
  const rest = parts.pop() ?? "";
  return { events: parts.filter((p) => p.trim() !== ""), rest };
}

/** The data of one event (its `data:` lines joined), or null for comments and other fields. */
export function eventData(event: string): string | null {
  const lines = event
    .split("\n")
    .filter((l) => l.startsWith("data:"))
    .map((l) => l.slice(5).replace(/^ /, ""));
  return lines.length ? lines.join("\n") : null;
}

/** What one event adds to the answer. */
export function parseChunk(data: string): ChunkText {
  if (data.trim() === "[DONE]") return { delta: "", done: true };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { delta: "", done: false, error: "the agent sent a stream event that is not JSON" };
  }
  const o = json as {
    model?: string;
    error?: { message?: string } | string;
    choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
    usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  };
  if (o.error)
    return { delta: "", done: true, error: typeof o.error === "string" ? o.error : (o.error.message ?? "agent error") };
  const delta = o.choices?.[0]?.delta?.content ?? "";
  return {
    delta: typeof delta === "string" ? delta : "",
    done: false,
    ...(o.model ? { model: o.model } : {}),
    ...(o.usage ? { usage: { input: o.usage.prompt_tokens ?? null, output: o.usage.completion_tokens ?? null } } : {}),
  };
}
