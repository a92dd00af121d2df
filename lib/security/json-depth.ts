/**
 * Nesting limit for JSON from requests. JSON.parse copes with deep nesting, but everything after
 * it (zod, recursive walkers, JSON.stringify when storing) recurses per level, so a 10,000-level
 * body became a stack overflow (500). The check is a linear scan outside string literals, done
 * before parsing, so it cannot overflow itself.
 */
import { ValidationError } from "@/lib/errors";

/** Deeper than any real payload (OTLP JSON with nested kvlist values is ~20); far below stack limits. */
export const MAX_JSON_DEPTH = 200;

/** The 0-based offset where `text` first nests deeper than `max` arrays/objects, or -1. */
export function jsonDepthExceededAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return -1;
}

/** The error message for too deep a document (one wording everywhere). */
export function depthMessage(what: string, at: number, max = MAX_JSON_DEPTH): string {
  return `${what} nests arrays/objects deeper than ${max} levels (at character ${at})`;
}

/** JSON.parse with the nesting limit; throws ValidationError (400) naming `what`. */
export function parseJsonWithLimits(text: string, what = "Request body"): unknown {
  const at = jsonDepthExceededAt(text);
  if (at >= 0) throw new ValidationError(depthMessage(what, at), { max_depth: MAX_JSON_DEPTH });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}
