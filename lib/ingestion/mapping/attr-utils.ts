/** Small readers for attribute records, shared by the convention mappers. */
import { looksLikeJsonContainer, parseJsonOrRaw } from "./json-values";

/** Fields a convention can contribute to a NormalizedSpan; undefined means "this convention has nothing". */
export interface MappedFields {
  spanType?: string;
  inputs?: unknown;
  outputs?: unknown;
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  sessionId?: string;
  userId?: string;
}

/** A non-empty string (numbers are stringified: ids are sometimes sent as ints). */
export function str(v: unknown): string | undefined {
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return undefined;
}

/** A finite number from a number or numeric string. */
export function num(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/** Strings holding JSON (as semconv payload attributes usually are) are parsed; other values pass. */
export function jsonish(v: unknown): unknown {
  return typeof v === "string" && looksLikeJsonContainer(v) ? parseJsonOrRaw(v) : v;
}

/**
 * Groups flattened indexed attributes: with prefix "llm.input_messages", the keys
 * "llm.input_messages.0.message.role" and "...1.message.content" become
 * [{"message.role": ...}, {"message.content": ...}] ordered by index. Gaps are dropped.
 */
export function indexedGroups(attrs: Record<string, unknown>, prefix: string): Record<string, unknown>[] {
  const groups = new Map<number, Record<string, unknown>>();
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const m = /^(\d+)(?:\.(.*))?$/.exec(rest);
    if (!m) continue;
    const idx = Number(m[1]);
    const group = groups.get(idx) ?? {};
    group[m[2] ?? ""] = value;
    groups.set(idx, group);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/** First defined value of the given keys. */
export function firstOf(attrs: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== "") return attrs[k];
  return undefined;
}

/** Drops undefined fields so `{...a, ...b}` merges cannot erase values. */
export function compact<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}
