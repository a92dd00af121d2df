/**
 * Parsing a judge model's answer. Models asked for `{"rationale", "result"}` JSON still wrap it in
 * prose or code fences, or just start with "Yes"/"No"; we accept those and call anything else
 * malformed (which the client retries).
 */

export type JudgeVerdict = { result: "yes" | "no"; rationale: string };
export type ParsedVerdict = ({ ok: true } & JudgeVerdict) | { ok: false; error: string };

function normalizeResult(v: unknown): "yes" | "no" | undefined {
  if (v === true) return "yes";
  if (v === false) return "no";
  if (typeof v !== "string") return undefined;
  const s = v.trim().toLowerCase().replace(/[."']/g, "");
  return s === "yes" || s === "no" ? s : undefined;
}

/** Every balanced `{...}` substring, outermost first, skipping braces inside JSON strings. */
export function* jsonObjectCandidates(text: string): Generator<string> {
  for (let start = text.indexOf("{"); start !== -1; start = text.indexOf("{", start + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === "\\") i++;
        else if (ch === '"') inString = false;
      } else if (ch === '"') inString = true;
      else if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) {
        yield text.slice(start, i + 1);
        break;
      }
    }
  }
}

export function parseJudgeAnswer(text: string | null | undefined): ParsedVerdict {
  if (!text || !text.trim()) return { ok: false, error: "judge returned an empty answer" };

  for (const candidate of jsonObjectCandidates(text)) {
    let obj: unknown;
    try {
      obj = JSON.parse(candidate);
    } catch {
      continue;
    }
    if (typeof obj !== "object" || obj === null || Array.isArray(obj)) continue;
    const rec = obj as Record<string, unknown>;
    const result = normalizeResult(rec.result ?? rec.answer ?? rec.value);
    if (result) return { ok: true, result, rationale: typeof rec.rationale === "string" ? rec.rationale.trim() : "" };
  }

  // Fallback: a bare leading verdict, e.g. "Yes. The response states ...", or "**No** — ...".
  const lead = /^[\s*_#>"'`]*(yes|no)\b[\s*_"'`.:,;!—–-]*([\s\S]*)$/i.exec(text);
  if (lead) return { ok: true, result: lead[1].toLowerCase() as "yes" | "no", rationale: lead[2].trim() };

  return { ok: false, error: `malformed judge answer: ${JSON.stringify(text.slice(0, 200))}` };
}
