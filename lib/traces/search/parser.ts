import type { Comparator, FilterCondition, FilterKey, Literal, TraceFilter } from "@/lib/traces/search/ast";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { allowedComparators, isDecimalKey, isNumericKey, resolveKey } from "@/lib/traces/search/keys";
import { tokenize, type Token } from "@/lib/traces/search/tokenizer";

/**
 * Parses MLflow's trace search filter, e.g.
 * `tags.env = 'prod' AND attributes.status = 'ERROR' AND feedback.user_feedback = false`.
 * Grammar: condition (AND condition)*, where a condition is `key comparator value`,
 * `key IN (v, ...)`, `key NOT IN (v, ...)`, `key IS NULL` or `key IS NOT NULL`. Keywords are
 * case-insensitive. An empty or blank filter has no conditions. Throws FilterSyntaxError (400)
 * naming the character position and what was expected there.
 */
/**
 * Hostile-input caps: each condition compiles to a subquery with its own parameters, so a
 * filter of thousands of AND terms would hit the database's parameter limit (a 500) or run for
 * minutes. 100 conditions and 1,000 values per IN list are far beyond any hand-written filter.
 */
export const MAX_FILTER_CONDITIONS = 100;
export const MAX_IN_VALUES = 1000;

export function parseTraceFilter(filter: string | null | undefined): TraceFilter {
  const stream = new TokenStream(tokenize(filter ?? ""));
  const conditions: FilterCondition[] = [];
  if (stream.peek().kind === "eof") return { conditions };
  for (;;) {
    const start = stream.peek();
    if (conditions.length === MAX_FILTER_CONDITIONS)
      throw new FilterSyntaxError(
        start.position,
        `a filter has at most ${MAX_FILTER_CONDITIONS} conditions joined by AND (each becomes database parameters and subqueries)`,
      );
    conditions.push(parseCondition(stream));
    const next = stream.next();
    if (next.kind === "eof") return { conditions };
    if (isWord(next, "AND")) continue;
    if (isWord(next, "OR"))
      throw new FilterSyntaxError(next.position, "OR is not supported; conditions can only be joined with AND");
    throw new FilterSyntaxError(next.position, `expected AND or the end of the filter, found ${describe(next)}`);
  }
}

function parseCondition(stream: TokenStream): FilterCondition {
  const keyToken = stream.next();
  if (keyToken.kind !== "ident") {
    throw new FilterSyntaxError(
      keyToken.position,
      `expected a key such as tags.env or status, found ${describe(keyToken)}`,
    );
  }
  const key = resolveKey(keyToken);
  const base = { key, keyText: keyToken.text, position: keyToken.position };

  const opToken = stream.peek();
  const comparator = parseComparator(stream, keyToken.text);
  const allowed = allowedComparators(key);
  if (!allowed.includes(comparator)) {
    throw new FilterSyntaxError(
      opToken.position,
      `comparator '${comparator}' is not supported for '${keyToken.text}'; use one of ${allowed.join(", ")}`,
    );
  }

  if (comparator === "IS NULL" || comparator === "IS NOT NULL") return { ...base, comparator };
  if (comparator === "IN" || comparator === "NOT IN") {
    const values = parseList(stream, comparator).map((v) => checkValue(key, keyToken.text, comparator, v));
    return { ...base, comparator, values: values.map((v) => v.literal) };
  }
  const value = checkValue(key, keyToken.text, comparator, parseLiteral(stream, comparator));
  return { ...base, comparator, value: value.literal };
}

function parseComparator(stream: TokenStream, keyText: string): Comparator {
  const t = stream.next();
  if (t.kind === "op") return t.op;
  for (const word of ["LIKE", "ILIKE", "RLIKE", "IN"] as const) if (isWord(t, word)) return word;
  if (isWord(t, "NOT")) {
    const u = stream.next();
    if (isWord(u, "IN")) return "NOT IN";
    throw new FilterSyntaxError(u.position, `expected IN after NOT, found ${describe(u)}`);
  }
  if (isWord(t, "IS")) {
    let u = stream.next();
    const negated = isWord(u, "NOT");
    if (negated) u = stream.next();
    if (isWord(u, "NULL")) return negated ? "IS NOT NULL" : "IS NULL";
    throw new FilterSyntaxError(
      u.position,
      `expected ${negated ? "NULL" : "NULL or NOT NULL"} after IS${negated ? " NOT" : ""}, found ${describe(u)}`,
    );
  }
  throw new FilterSyntaxError(
    t.position,
    `expected a comparator after '${keyText}' (=, !=, >, >=, <, <=, LIKE, ILIKE, RLIKE, IN, NOT IN, IS NULL, IS NOT NULL), found ${describe(t)}`,
  );
}

interface Positioned {
  literal: Literal;
  position: number;
}

function parseLiteral(stream: TokenStream, after: string): Positioned {
  const t = stream.next();
  if (t.kind === "string") return { literal: { type: "string", value: t.value }, position: t.position };
  if (t.kind === "number") return { literal: { type: "number", value: t.value, text: t.text }, position: t.position };
  if (isWord(t, "TRUE") || isWord(t, "FALSE")) {
    return { literal: { type: "boolean", value: isWord(t, "TRUE") }, position: t.position };
  }
  const hint = t.kind === "ident" ? ` (quote text values: '${t.text}')` : "";
  throw new FilterSyntaxError(
    t.position,
    `expected a value after ${after} (a quoted string, a number, true or false), found ${describe(t)}${hint}`,
  );
}

function parseList(stream: TokenStream, comparator: string): Positioned[] {
  const open = stream.next();
  if (open.kind !== "lparen") {
    throw new FilterSyntaxError(
      open.position,
      `expected a parenthesised list after ${comparator}, e.g. ('OK', 'ERROR'), found ${describe(open)}`,
    );
  }
  const items: Positioned[] = [parseLiteral(stream, `${comparator} (`)];
  for (;;) {
    const t = stream.next();
    if (t.kind === "rparen") return items;
    if (t.kind !== "comma")
      throw new FilterSyntaxError(t.position, `expected ',' or ')' in the ${comparator} list, found ${describe(t)}`);
    if (items.length === MAX_IN_VALUES)
      throw new FilterSyntaxError(t.position, `an ${comparator} list has at most ${MAX_IN_VALUES} values`);
    items.push(parseLiteral(stream, "','"));
  }
}

/** Checks a value against its key and comparator; numeric strings become numbers for time keys. */
function checkValue(key: FilterKey, keyText: string, comparator: Comparator, v: Positioned): Positioned {
  if (comparator === "LIKE" || comparator === "ILIKE" || comparator === "RLIKE") {
    if (v.literal.type !== "string")
      throw new FilterSyntaxError(v.position, `expected a quoted pattern after ${comparator}`);
    return v;
  }
  if (isDecimalKey(key)) {
    const lit = v.literal;
    const text = lit.type === "string" ? lit.value.trim() : lit.type === "number" ? lit.text : "";
    const value = lit.type === "boolean" || text === "" ? NaN : Number(text);
    if (!Number.isFinite(value)) throw new FilterSyntaxError(v.position, `expected a number of USD for '${keyText}'`);
    return { literal: { type: "number", value, text }, position: v.position };
  }
  if (!isNumericKey(key)) return v;
  const lit = v.literal;
  const text = lit.type === "string" ? lit.value.trim() : lit.type === "number" ? lit.text : "";
  const value = lit.type === "boolean" || text === "" ? NaN : Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new FilterSyntaxError(v.position, `expected an integer number of milliseconds for '${keyText}'`);
  }
  return { literal: { type: "number", value, text }, position: v.position };
}

function isWord(t: Token, word: string): boolean {
  return t.kind === "ident" && t.parts.length === 1 && !t.parts[0].quoted && t.parts[0].value.toUpperCase() === word;
}

function describe(t: Token): string {
  switch (t.kind) {
    case "eof":
      return "the end of the filter";
    case "ident":
      return `'${t.text}'`;
    case "string":
      return "a quoted string";
    case "number":
      return `'${t.text}'`;
    case "op":
      return `'${t.text}'`;
    default:
      return `'${t.kind === "lparen" ? "(" : t.kind === "rparen" ? ")" : ","}'`;
  }
}

class TokenStream {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token {
    return this.tokens[this.index];
  }
  next(): Token {
    const t = this.tokens[this.index];
    if (t.kind !== "eof") this.index++;
    return t;
  }
}
