import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { compileOrderBy, parseOrderBy } from "@/lib/traces/search/order-by";

describe("parseOrderBy", () => {
  it("defaults to timestamp_ms DESC, request_id ASC", () => {
    const expected = [
      { attribute: "timestamp_ms", ascending: false },
      { attribute: "request_id", ascending: true },
    ];
    expect(parseOrderBy(undefined)).toEqual(expected);
    expect(parseOrderBy([])).toEqual(expected);
  });

  it("reads keys, aliases, prefixes and directions, then appends the tie-breakers", () => {
    expect(parseOrderBy(["execution_time_ms DESC"])).toEqual([
      { attribute: "execution_time_ms", ascending: false },
      { attribute: "timestamp_ms", ascending: false },
      { attribute: "request_id", ascending: true },
    ]);
    expect(parseOrderBy(["attributes.timestamp asc", "name"])).toEqual([
      { attribute: "timestamp_ms", ascending: true },
      { attribute: "name", ascending: true },
      { attribute: "request_id", ascending: true },
    ]);
    expect(parseOrderBy("state DESC, trace_id DESC")).toEqual([
      { attribute: "status", ascending: false },
      { attribute: "request_id", ascending: false },
      { attribute: "timestamp_ms", ascending: false },
    ]);
  });

  it.each([
    ["tags.env", "ordering by tags or metadata is not supported"],
    ["metadata.`mlflow.user` DESC", "ordering by tags or metadata is not supported"],
    ["end_time_ms", "ordering by end_time_ms is not supported"],
    ["foo", "unknown key 'foo'"],
    ["timestamp_ms sideways", "expected ASC, DESC or the end"],
    ["", "it is empty"],
    ["timestamp_ms 'x", "unterminated string"],
  ])("rejects %j", (entry, message) => {
    expect(() => parseOrderBy([entry])).toThrow(ValidationError);
    expect(() => parseOrderBy([entry])).toThrow(message);
  });

  it("rejects duplicates", () => {
    expect(() => parseOrderBy(["timestamp_ms", "timestamp DESC"])).toThrow("'timestamp_ms' appears more than once");
  });
});

describe("compileOrderBy", () => {
  it("maps attributes to columns with nulls last on nullable ones", () => {
    expect(compileOrderBy(parseOrderBy(["execution_time_ms ASC", "name DESC", "status", "experiment_id"]))).toEqual([
      { executionTimeMs: { sort: "asc", nulls: "last" } },
      { name: { sort: "desc", nulls: "last" } },
      { state: "asc" },
      { experimentId: "asc" },
      { timestampMs: "desc" },
      { id: "asc" },
    ]);
  });
});
