import { FilterSyntaxError } from "@/lib/traces/search/errors";

/**
 * Splits a filter (or an order_by clause) into tokens. Keywords (AND, LIKE, IN, NOT, IS, NULL,
 * TRUE, FALSE, ASC, DESC) are not special here: they come out as one-part identifiers and the
 * parser recognises them case-insensitively, so a backticked `` `and` `` stays a plain key.
 */
export type Token =
  | { kind: "ident"; parts: IdentPart[]; text: string; position: number }
  | { kind: "string"; value: string; position: number }
  | { kind: "number"; value: number; text: string; position: number }
  | { kind: "op"; op: "=" | "!=" | ">" | ">=" | "<" | "<="; text: string; position: number }
  | { kind: "lparen" | "rparen" | "comma" | "eof"; position: number };

/** One dot-separated segment of a key; `quoted` when it was written in backticks or double quotes. */
export interface IdentPart {
  value: string;
  quoted: boolean;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/** `offset` is added to every position, for a part of a longer filter (see free-text.ts). */
export function tokenize(input: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c === "(" ? "lparen" : c === ")" ? "rparen" : "comma", position: i + offset });
      i++;
    } else if (c === "'" || c === '"') {
      const { value, end } = readQuoted(input, i, offset);
      tokens.push({ kind: "string", value, position: i + offset });
      i = end;
    } else if ("=!<>".includes(c)) {
      const two = input.slice(i, i + 2);
      if (two === "!=" || two === "<>" || two === ">=" || two === "<=") {
        tokens.push({ kind: "op", op: two === "<>" ? "!=" : two, text: two, position: i + offset });
        i += 2;
      } else if (c === "!") {
        throw new FilterSyntaxError(i + offset, "unexpected '!' (did you mean '!='?)");
      } else {
        tokens.push({ kind: "op", op: c as "=" | "<" | ">", text: c, position: i + offset });
        i++;
      }
    } else if (/[-.\d]/.test(c)) {
      const match = NUMBER.exec(input.slice(i));
      if (!match || IDENT_CHAR.test(input[i + match[0].length] ?? "")) {
        throw new FilterSyntaxError(i + offset, `invalid number '${input.slice(i).split(/[\s,)]/)[0]}'`);
      }
      tokens.push({ kind: "number", value: Number(match[0]), text: match[0], position: i + offset });
      i += match[0].length;
    } else if (IDENT_START.test(c) || c === "`") {
      const ident = readIdent(input, i, offset);
      tokens.push({ kind: "ident", parts: ident.parts, text: input.slice(i, ident.end), position: i + offset });
      i = ident.end;
    } else {
      throw new FilterSyntaxError(i + offset, `unexpected character '${c}'`);
    }
  }
  tokens.push({ kind: "eof", position: input.length + offset });
  return tokens;
}

/**
 * Reads a quoted string starting at `start`. A doubled quote (SQL style) or a backslash before
 * the quote or before another backslash stands for that character. Any other backslash is kept,
 * so LIKE escapes (`\%`, `\_`) and JSON escapes (`\"`, `\n`) reach the database unchanged.
 */
function readQuoted(input: string, start: number, offset: number): { value: string; end: number } {
  const quote = input[start];
  let value = "";
  let i = start + 1;
  while (i < input.length) {
    const c = input[i];
    if (c === "\\" && i + 1 < input.length) {
      const next = input[i + 1];
      value += next === quote || next === "\\" ? next : c + next;
      i += 2;
    } else if (c === quote) {
      if (input[i + 1] === quote) {
        value += quote;
        i += 2;
      } else {
        return { value, end: i + 1 };
      }
    } else {
      value += c;
      i++;
    }
  }
  throw new FilterSyntaxError(start + offset, `unterminated string starting with ${quote}`);
}

/**
 * Reads a key such as `tags.env`, `metadata.mlflow.trace.session` or `` tags.`my-key` ``.
 * Dots separate parts; a part in backticks (or, after a dot, in double quotes) may hold any
 * character, including dots, so `` metadata.`a.b` `` and `metadata.a.b` name the same key.
 */
function readIdent(input: string, start: number, offset: number): { parts: IdentPart[]; end: number } {
  const parts: IdentPart[] = [];
  let i = start;
  for (;;) {
    const c = input[i];
    const quoteAllowed = c === "`" || (c === '"' && parts.length > 0);
    if (quoteAllowed) {
      const close = input.indexOf(c, i + 1);
      if (close < 0) throw new FilterSyntaxError(i + offset, `unterminated ${c === "`" ? "backtick" : "quoted"} key`);
      parts.push({ value: input.slice(i + 1, close), quoted: true });
      i = close + 1;
    } else {
      let j = i;
      while (j < input.length && IDENT_CHAR.test(input[j])) j++;
      if (j === i) {
        throw new FilterSyntaxError(i + offset, `expected a key name after '${input.slice(start, i)}'`);
      }
      parts.push({ value: input.slice(i, j), quoted: false });
      i = j;
    }
    if (input[i] !== ".") return { parts, end: i };
    i++;
  }
}
