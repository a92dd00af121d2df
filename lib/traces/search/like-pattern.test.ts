import { describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { applyMatch, likeToStringMatch, literalContains } from "@/lib/traces/search/like-pattern";

const sqlite = (pattern: string, caseInsensitive = false) =>
  likeToStringMatch(pattern, { provider: "sqlite", caseInsensitive, position: 3 });
const pg = (pattern: string, caseInsensitive = false) =>
  likeToStringMatch(pattern, { provider: "postgresql", caseInsensitive, position: 3 });

describe("likeToStringMatch", () => {
  it("maps anchored patterns to contains / startsWith / endsWith", () => {
    expect(sqlite("%abc%")).toEqual({ filter: { contains: "abc" } });
    expect(sqlite("abc%")).toEqual({ filter: { startsWith: "abc" } });
    expect(sqlite("%abc")).toEqual({ filter: { endsWith: "abc" } });
    expect(sqlite("%")).toEqual({ filter: { endsWith: "" } });
    expect(sqlite("%%")).toEqual({ filter: { contains: "" } });
  });

  it("keeps inner wildcards, which Prisma passes to LIKE unescaped", () => {
    expect(sqlite("%a%b%")).toEqual({ filter: { contains: "a%b" } });
    expect(sqlite("a_c%")).toEqual({ filter: { startsWith: "a_c" } });
    expect(pg("%j_hn%")).toEqual({ filter: { contains: "j_hn" } });
  });

  it("uses equals for a LIKE without wildcards", () => {
    expect(sqlite("abc")).toEqual({ filter: { equals: "abc" } });
    expect(pg("abc")).toEqual({ filter: { equals: "abc" } });
    expect(pg("100\\%")).toEqual({ filter: { equals: "100%" } });
  });

  it("bounds the length when the pattern has no '%' but needs LIKE semantics", () => {
    // `a_c` = starts with a?c and is at most 3 characters long.
    expect(sqlite("a_c")).toEqual({ filter: { startsWith: "a_c" }, exclude: { startsWith: "____" } });
    // ILIKE without wildcards on SQLite: LIKE there ignores ASCII case, equals would not.
    expect(sqlite("ABC", true)).toEqual({ filter: { startsWith: "ABC" }, exclude: { startsWith: "____" } });
    // Characters, not UTF-16 units, and an escape pair counts as one character.
    expect(sqlite("é😀_")).toEqual({ filter: { startsWith: "é😀_" }, exclude: { startsWith: "____" } });
    expect(pg("a\\_b_")).toEqual({ filter: { startsWith: "a\\_b_" }, exclude: { startsWith: "_____" } });
  });

  it("adds mode insensitive for ILIKE on PostgreSQL only", () => {
    expect(pg("%abc%", true)).toEqual({ filter: { contains: "abc", mode: "insensitive" } });
    expect(pg("abc%", true)).toEqual({ filter: { startsWith: "abc", mode: "insensitive" } });
    expect(pg("%abc", true)).toEqual({ filter: { endsWith: "abc", mode: "insensitive" } });
    expect(pg("abc", true)).toEqual({
      filter: { startsWith: "abc", mode: "insensitive" },
      exclude: { startsWith: "____" },
    });
    expect(sqlite("%abc%", true)).toEqual({ filter: { contains: "abc" } });
  });

  it("treats an escaped trailing percent on PostgreSQL as text", () => {
    expect(pg("%100\\%")).toEqual({ filter: { endsWith: "100\\%" } });
  });

  it("rejects a '%' only in the middle", () => {
    expect(() => sqlite("a%b")).toThrow(FilterSyntaxError);
    expect(() => pg("a%b")).toThrow(/Invalid filter at position 3: the pattern 'a%b' has '%' only in the middle/);
  });

  it("rejects backslash escapes on SQLite, whose LIKE has no escape character", () => {
    expect(() => sqlite("%100\\%%")).toThrow(/not supported on SQLite/);
    expect(sqlite("%a\\b%")).toEqual({ filter: { contains: "a\\b" } });
  });
});

describe("literalContains", () => {
  it("escapes LIKE wildcards on PostgreSQL only", () => {
    expect(literalContains('"model_name":"x%"', "postgresql")).toEqual({ contains: '"model\\_name":"x\\%"' });
    expect(literalContains('"model_name":"x%"', "sqlite")).toEqual({ contains: '"model_name":"x%"' });
    expect(literalContains("a\\b", "postgresql")).toEqual({ contains: "a\\\\b" });
  });
});

describe("applyMatch", () => {
  it("puts the length bound in a NOT next to the match", () => {
    expect(
      applyMatch<Prisma.TraceWhereInput>({ filter: { startsWith: "a_c" }, exclude: { startsWith: "____" } }, (f) => ({
        name: f,
      })),
    ).toEqual({
      AND: [{ name: { startsWith: "a_c" } }, { NOT: { name: { startsWith: "____" } } }],
    });
    expect(applyMatch<Prisma.TraceWhereInput>({ filter: { contains: "x" } }, (f) => ({ name: f }))).toEqual({
      name: { contains: "x" },
    });
  });
});
