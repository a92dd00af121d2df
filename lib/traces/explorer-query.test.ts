import { describe, expect, it } from "vitest";
import { decodePageToken } from "@/lib/traces/search";
import {
  composeFilter,
  composeOrderBy,
  explorerQueryParams,
  neighbourPage,
  pageTokenFor,
  readExplorerQuery,
} from "./explorer-query";

describe("explorer query", () => {
  it("reads and writes the URL, ignoring unknown values", () => {
    const q = readExplorerQuery(
      new URLSearchParams("q=tags.env%20%3D%20'prod'&state=ERROR&range=24h&sort=execution_time_ms.asc&page=3&size=100"),
    );
    expect(q).toEqual({
      q: "tags.env = 'prod'",
      state: "ERROR",
      range: "24h",
      sort: { key: "execution_time_ms", desc: false },
      minLatencyMs: null,
      minCostUsd: null,
      page: 3,
      cursor: null,
      pageSize: 100,
    });
    expect(explorerQueryParams(q)).toEqual({
      q: "tags.env = 'prod'",
      state: "ERROR",
      range: "24h",
      sort: "execution_time_ms.asc",
      latency: null,
      cost: null,
      page: "3",
      cursor: null,
      size: "100",
    });
    expect(readExplorerQuery(new URLSearchParams("state=NOPE&range=2y&sort=evil.desc&page=-4&size=7"))).toEqual({
      q: "",
      state: null,
      range: null,
      sort: null,
      minLatencyMs: null,
      minCostUsd: null,
      page: 1,
      cursor: null,
      pageSize: 50,
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
    expect(pageTokenFor({ page: 1, pageSize: 50, cursor: null })).toBeNull();
    // A link from before keyset paging: page number only.
    expect(decodePageToken(pageTokenFor({ page: 3, pageSize: 50, cursor: null }))).toBe(100);
    expect(pageTokenFor({ page: 3, pageSize: 50, cursor: "abc" })).toBe("abc");
  });

  it("keeps the cursor only past the first page, and steps with the answer's tokens", () => {
    const q = readExplorerQuery(new URLSearchParams("page=4&cursor=tok4"));
    expect([q.page, q.cursor]).toEqual([4, "tok4"]);
    expect(readExplorerQuery(new URLSearchParams("cursor=tok4")).cursor).toBeNull();
    expect(explorerQueryParams({ ...q, page: 1 }).cursor).toBeNull();
    const tokens = { nextPageToken: "n", prevPageToken: "p" };
    expect(neighbourPage(q, 1, tokens)).toEqual({ page: 5, cursor: "n" });
    expect(neighbourPage(q, -1, tokens)).toEqual({ page: 3, cursor: "p" });
    expect(neighbourPage({ ...q, page: 2 }, -1, tokens)).toEqual({ page: 1, cursor: null });
  });
});
