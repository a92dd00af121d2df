/**
 * Turning arbitrary `outputs` / `expectations` values into text the scorers can compare.
 * Outputs arrive in whatever shape the traced app returned, so we recognise the common chat
 * shapes (one normaliser per shape, as MLflow's trace explorer does) and fall back to JSON.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Chat `content` may be a string or an array of parts (`[{type:"text", text}]`); keep the text parts. */
function contentText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const parts = content.flatMap((p) =>
      typeof p === "string" ? [p] : isObj(p) && typeof p.text === "string" ? [p.text] : [],
    );
    return parts.length > 0 ? parts.join("") : undefined;
  }
  return undefined;
}

function lastAssistant(messages: unknown[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObj(m) && m.role === "assistant") {
      const t = contentText(m.content);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

/**
 * The assistant's text when `outputs` has a recognised shape, else undefined:
 * string; OpenAI chat completion (`choices[0].message.content`, or legacy `choices[0].text`);
 * a message list or MLflow chat `{messages:[...]}` (last assistant message); `{content}`;
 * `{output}` / `{answer}` / `{response}` (recursively, so `{output: {content}}` works).
 */
export function extractAssistantText(outputs: unknown, depth = 0): string | undefined {
  if (typeof outputs === "string") return outputs;
  if (depth > 4) return undefined; // pathological nesting: let the caller fall back to JSON
  if (Array.isArray(outputs)) return lastAssistant(outputs);
  if (!isObj(outputs)) return undefined;

  if (Array.isArray(outputs.choices) && outputs.choices.length > 0) {
    const c = outputs.choices[0];
    if (isObj(c)) {
      const fromMessage = isObj(c.message) ? contentText(c.message.content) : undefined;
      if (fromMessage !== undefined) return fromMessage;
      if (typeof c.text === "string") return c.text;
    }
  }
  if (Array.isArray(outputs.messages)) {
    const t = lastAssistant(outputs.messages);
    if (t !== undefined) return t;
  }
  const c = contentText(outputs.content);
  if (c !== undefined) return c;
  for (const key of ["output", "answer", "response"]) {
    if (key in outputs) {
      const t = extractAssistantText(outputs[key], depth + 1);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

/** Any value as text: strings as is, numbers/booleans via String, everything else as JSON. */
export function valueToText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value); // circular structures
  }
}

/** The text a scorer should judge: the assistant text if recognisable, else the JSON of `outputs`. */
export function outputToText(outputs: unknown): string {
  return extractAssistantText(outputs) ?? valueToText(outputs);
}

/** SQuAD's `normalize_answer`: lowercase, drop punctuation, drop articles, collapse whitespace. */
export function normalizeSquad(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, "") // SQuAD strips string.punctuation; \p{P}\p{S} also covers unicode quotes
    .replace(/\b(a|an|the)\b/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

export function squadTokens(text: string): string[] {
  const n = normalizeSquad(text);
  return n ? n.split(" ") : [];
}

/**
 * ROUGE tokens, as the `rouge_score` package tokenises (without stemming): lowercase, anything
 * that is not a letter or digit separates tokens. Articles are kept, unlike SQuAD.
 */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export type Expected = { ok: true; value: unknown } | { ok: false; error: string };

/** The reference value under `key`, or an error result a scorer can return as is. */
export function getExpected(expectations: Record<string, unknown> | undefined, key: string): Expected {
  const value = expectations?.[key];
  if (value === undefined || value === null) return { ok: false, error: `expectations.${key} is missing` };
  return { ok: true, value };
}
