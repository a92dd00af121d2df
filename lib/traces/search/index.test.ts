import { describe, expect, it } from "vitest";
import { compileTraceSearch, encodePageToken } from "@/lib/traces/search";

describe("compileTraceSearch", () => {
  it("returns findMany arguments", () => {
    expect(
      compileTraceSearch({
        provider: "sqlite",
        experimentIds: ["1"],
        filter: "tags.env = 'prod'",
        orderBy: ["timestamp_ms ASC"],
        pageToken: encodePageToken(20),
        maxResults: 10,
      }),
    ).toEqual({
      where: { AND: [{ experimentId: { in: ["1"] } }, { tags: { some: { key: "env", value: { equals: "prod" } } } }] },
      orderBy: [{ timestampMs: "asc" }, { id: "asc" }],
      clauses: [
        { attribute: "timestamp_ms", ascending: true },
        { attribute: "request_id", ascending: true },
      ],
      cursor: { offset: 20 },
      skip: 20,
      take: 10,
    });
  });

  it("uses the defaults without filter, order or token", () => {
    expect(compileTraceSearch({ provider: "postgresql", experimentIds: ["1"], maxResults: 100 })).toEqual({
      where: { AND: [{ experimentId: { in: ["1"] } }] },
      orderBy: [{ timestampMs: "desc" }, { id: "asc" }],
      clauses: [
        { attribute: "timestamp_ms", ascending: false },
        { attribute: "request_id", ascending: true },
      ],
      cursor: null,
      skip: 0,
      take: 100,
    });
  });
});
