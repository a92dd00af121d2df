import { describe, expect, it } from "vitest";
import { decodePageToken } from "@/lib/traces/search";
import { composeFilter, composeOrderBy, explorerQueryParams, pageTokenFor, readExplorerQuery } from "./explorer-query";

describe("explorer query", () => {
  it("reads and writes the URL, ignoring unknown values", () => {
    const q = readExplorerQuery(
      new URLSearchParams("q=tags.env%20%3D%20'prod'&state=ERROR&range=24h&sort=execution_time_ms.asc&page=3"),
    );
    expect(q).toEqual({
      q: "tags.env = 'prod'",
      state: "ERROR",
      range: "24h",
      sort: { key: "execution_time_ms", desc: false },
      minLatencyMs: null,
      minCostUsd: null,
      page: 3,
    });
    expect(explorerQueryParams(q)).toEqual({
      q: "tags.env = 'prod'",
      state: "ERROR",
      range: "24h",
      sort: "execution_time_ms.asc",
      latency: null,
      cost: null,
      page: "3",
    });
    expect(readExplorerQuery(new URLSearchParams("state=NOPE&range=2y&sort=evil.desc&page=-4"))).toEqual({
      q: "",
      state: null,
      range: null,
      sort: null,
      minLatencyMs: null,
      minCostUsd: null,
      page: 1,
    });
  });

  it("reads the latency and cost quick filters and composes them", () => {
    const q = readExplorerQuery(new URLSearchParams("latency=5000&cost=0.01&sort=cost.desc"));
    expect([q.minLatencyMs, q.minCostUsd, q.sort]).toEqual([5000, 0.01, { key: "cost", desc: true }]);
    expect(composeFilter(q, 0)).toBe("attributes.execution_time_ms >= 5000 AND trace.cost >= 0.01");
    expect(composeOrderBy(q)).toEqual(["cost DESC"]);
    expect(explorerQueryParams(q)).toMatchObject({ latency: "5000", cost: "0.01" });
    const bad = readExplorerQuery(new URLSearchParams("latency=7&cost=abc"));
    expect([bad.minLatencyMs, bad.minCostUsd]).toEqual([null, null]);
  });

  it("composes the filter with the typed text first", () => {
    const q = readExplorerQuery(new URLSearchParams("q=feedback.user_feedback%20%3D%20false&state=OK&range=1h"));
    expect(composeFilter(q, 10_000_000)).toBe(
      "feedback.user_feedback = false AND attributes.status = 'OK' AND attributes.timestamp_ms >= 6400000",
    );
    expect(composeFilter(readExplorerQuery(new URLSearchParams("")), 0)).toBe("");
    expect(composeOrderBy(q)).toEqual([]);
    expect(composeOrderBy(readExplorerQuery(new URLSearchParams("sort=name.desc")))).toEqual(["name DESC"]);
  });

  it("makes page tokens the server accepts", () => {
    expect(pageTokenFor(1)).toBeNull();
    expect(decodePageToken(pageTokenFor(3, 50))).toBe(100);
  });
});
