/**
 * Client-safe: the filter builder's clause, spelled exactly as a person would type it, so the
 * builder and the filter box produce the same filter (and the same URL).
 */
import { isConditionSegment } from "@/lib/traces/search/free-text";

export const BUILDER_FIELDS = [
  "text",
  "tag",
  "metadata",
  "feedback",
  "expectation",
  "span.name",
  "span.type",
  "span.model",
  "status",
] as const;
export type BuilderField = (typeof BUILDER_FIELDS)[number];

/** Fields whose clause needs a key (`tags.<key>`, `feedback.<name>`). */
export const KEYED_FIELDS: readonly BuilderField[] = ["tag", "metadata", "feedback", "expectation"];

export function comparatorsFor(field: BuilderField): string[] {
  if (field === "text") return [];
  if (field === "feedback" || field === "expectation") return ["=", "!=", ">", ">=", "<", "<=", "LIKE"];
  return ["=", "!=", "LIKE"];
}

export interface BuilderClause {
  field: BuilderField;
  key?: string;
  comparator?: string;
  value: string;
}

const PREFIX: Partial<Record<BuilderField, string>> = {
  tag: "tags",
  metadata: "metadata",
  feedback: "feedback",
  expectation: "expectation",
};

/** `'it''s'` style quoting the tokenizer reads back unchanged (backslash escapes). */
export function quoteValue(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function keyPart(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/.test(key) ? key : `\`${key.replace(/`/g, "")}\``;
}

/** A search word stays bare when it reads back as the same word; anything else is quoted. */
function textTerm(value: string): string {
  const bare = /^[^\s'"]+$/.test(value) && !/^(and|or)$/i.test(value) && !isConditionSegment(value);
  return bare ? value : `"${value.replace(/"/g, "")}"`;
}

export function buildClause(c: BuilderClause): string {
  const value = c.value.trim();
  if (c.field === "text") return textTerm(value);
  const comparator = c.comparator ?? "=";
  const key =
    c.field === "span.name" || c.field === "span.type" || c.field === "span.model" || c.field === "status"
      ? c.field
      : `${PREFIX[c.field]}.${keyPart((c.key ?? "").trim())}`;
  const isAssessment = c.field === "feedback" || c.field === "expectation";
  const numeric = /^-?(?:\d+\.?\d*|\.\d+)$/.test(value);
  const literal =
    isAssessment && comparator !== "LIKE" && (numeric || value === "true" || value === "false")
      ? value
      : quoteValue(value);
  return `${key} ${comparator} ${literal}`;
}

/** Appends a clause to what is in the filter box, joined with AND. */
export function appendClause(filter: string, clause: string): string {
  return filter.trim() ? `${filter.trim()} AND ${clause}` : clause;
}
