import type { FreeTextTerm } from "@/lib/traces/search/ast";
import { FilterSyntaxError } from "@/lib/traces/search/errors";

/**
 * The filter box takes MLflow's filter grammar and words to search for, joined by AND:
 *
 *   GPU                                   a word: spans whose inputs or outputs contain "gpu"
 *   "refund policy"  or  'refund policy'  a phrase, matched as written (spaces included)
 *   GPU memory                            several words: each must appear (in any span)
 *   GPU AND tags.env = 'prod'             words and conditions combine with AND
 *
 * The rule that keeps it unambiguous: the filter is split at the word AND (any case, outside
 * quotes and backticks), and each part is a condition when it starts with a key followed by a
 * comparator symbol (`status = 'OK'`, `feedback.score > 0.5`), with an attribute and a keyword
 * comparator (`status IN ('OK')`, `name LIKE 'rag%'`, `run_id IS NULL`) or with a prefixed key
 * (`tags.`, `metadata.`, `feedback.`, `expectation.`, `span.`, `attributes.`, `trace.`), which
 * then gets the grammar's error messages. Any other part is search words (so `GPU is slow`
 * searches three words). To search for a word that reads as a key with a comparator, or for the word
 * AND or OR, quote it: `"status = OK"`, `"and"`. Matching is case-insensitive substring
 * matching on the spans' inputs and outputs JSON text (trigram indexes: terms of 3 characters
 * or more are answered from the index, shorter ones scan).
 */

export interface FilterSegment {
  text: string;
  /** Offset of `text` in the whole filter. */
  start: number;
}

const PREFIXED_KEY = /^(?:attributes?|trace|tags?|metadata|request_metadata|span|feedback|expectation|issue)\./i;
const KEY_PART = "(?:`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)";
const KEY = `${KEY_PART}(?:\\.(?:\`[^\`]*\`|"[^"]*"|[A-Za-z0-9_]+))*`;
/** Any key followed by a comparator symbol: `foo = 'a'` is a condition (with an unknown key). */
const KEY_WITH_SYMBOL = new RegExp(`^${KEY}\\s*(?:=|!=|<>|<|>)`);
/**
 * Keyword comparators only make a condition after a known attribute: `status IN (...)` is one,
 * `GPU is slow` and `memory in GPU` are words.
 */
const ATTRIBUTE_WITH_KEYWORD =
  /^(?:timestamp_ms|timestamp|execution_time_ms|execution_time|end_time_ms|end_time|status|state|request_id|trace_id|client_request_id|name|run_id|text)\s+(?:NOT\s+)?(?:LIKE|ILIKE|RLIKE|IN|IS)\b/i;

/** Longest accepted search term (the filter itself is limited to 10,000 characters). */
export const MAX_TERM_LENGTH = 500;

/** Splits a filter at the word AND outside quotes and backticks. Parts keep their offsets. */
export function splitAtAnd(filter: string): FilterSegment[] {
  const segments: FilterSegment[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i]!;
    if (quote) {
      if (c === "\\" && quote !== "`") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === "`") {
      quote = c;
    } else if (
      /[Aa]/.test(c) &&
      /^and$/i.test(filter.slice(i, i + 3)) &&
      (i === 0 || /\s/.test(filter[i - 1]!)) &&
      (i + 3 === filter.length || /\s/.test(filter[i + 3]!))
    ) {
      segments.push({ text: filter.slice(start, i), start });
      start = i + 3;
      i += 2;
    }
  }
  segments.push({ text: filter.slice(start), start });
  return segments.map(trimSegment);
}

function trimSegment(s: FilterSegment): FilterSegment {
  const lead = s.text.length - s.text.trimStart().length;
  // Trailing blanks stay: an error at the end points past them, where the user would type.
  return { text: s.text.trimStart(), start: s.start + lead };
}

/** True when a part reads as a condition of the filter grammar rather than search words. */
export function isConditionSegment(text: string): boolean {
  return PREFIXED_KEY.test(text) || KEY_WITH_SYMBOL.test(text) || ATTRIBUTE_WITH_KEYWORD.test(text);
}

/**
 * The search terms of a part that is not a condition: quoted phrases and whitespace-separated
 * words. `OR` (upper case, unquoted) is refused as in the grammar, since it would otherwise be
 * searched for as a word.
 */
export function readTerms(segment: FilterSegment): FreeTextTerm[] {
  const terms: FreeTextTerm[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(segment.text); m; m = re.exec(segment.text)) {
    const position = segment.start + m.index;
    const word = m[3];
    const text = m[1] ?? m[2] ?? word!;
    if (word !== undefined) {
      if (word === "OR")
        throw new FilterSyntaxError(position, "OR is not supported; conditions can only be joined with AND");
      if (word[0] === '"' || word[0] === "'")
        throw new FilterSyntaxError(position, `unterminated string starting with ${word[0]}`);
    }
    if (text.trim() === "") throw new FilterSyntaxError(position, "an empty quoted phrase searches for nothing");
    if (text.length > MAX_TERM_LENGTH)
      throw new FilterSyntaxError(position, `a search term has at most ${MAX_TERM_LENGTH} characters`);
    terms.push({ text, position });
  }
  return terms;
}
