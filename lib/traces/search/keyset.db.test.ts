/**
 * Keyset paging of searchTraces on both databases: walking every page forward by
 * nextPageToken and back by prevPageToken gives exactly the rows of one ORDER BY over the whole
 * list (ties on every sort key, nulls last in both directions, with and without a filter).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { encodeKeysetToken, encodePageToken } from "@/lib/paging/page-token";
import { compileTraceFilter, compileOrderBy, parseOrderBy, parseTraceFilter } from "@/lib/traces/search";
import { searchTraces } from "@/lib/traces/search/service";
import { db, makeExperiment, provider } from "@/test/db";

let experimentId = "";
const N = 40;

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  // Few distinct values per key, so every key has long runs of ties and the id decides; some
  // durations, names and costs are null.
  await db().trace.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      id: `tr-${experimentId.slice(-8)}${i.toString(16).padStart(24, "0")}`.slice(0, 35),
      experimentId,
      timestampMs: BigInt(1_700_000_000_000 + (i % 5) * 1000),
      executionTimeMs: i % 7 === 0 ? null : BigInt(100 * (i % 3)),
      state: i % 4 === 0 ? "ERROR" : "OK",
      name: i % 6 === 0 ? null : `name-${i % 3}`,
      costUsd: i % 5 === 0 ? null : (i % 4) * 0.001,
    })),
  });
});

/** The whole list in one ORDER BY, as the reference. */
async function expected(orderBy: string[], filter?: string): Promise<string[]> {
  const where = compileTraceFilter(parseTraceFilter(filter), { provider: provider(), experimentIds: [experimentId] });
  const rows = await db().trace.findMany({
    where,
    orderBy: compileOrderBy(parseOrderBy(orderBy)),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

async function walk(orderBy: string[], pageSize: number, filter?: string) {
  const pages: string[][] = [];
  const tokens: (string | undefined)[] = [];
  let token: string | undefined;
  do {
    const page = await searchTraces(SYSTEM_ACTOR, {
      experimentIds: [experimentId],
      orderBy,
      filter,
      pageToken: token,
      maxResults: pageSize,
    });
    pages.push(page.traces.map((t) => t.traceId));
    tokens.push(page.prevPageToken);
    token = page.nextPageToken;
  } while (token && pages.length < 100);
  return { pages, prevTokens: tokens };
}

const ORDERS: string[][] = [
  [],
  ["timestamp_ms ASC"],
  ["execution_time_ms DESC"],
  ["execution_time_ms ASC"],
  ["cost DESC"],
  ["cost ASC"],
  ["name ASC"],
  ["name DESC"],
  ["status DESC"],
  ["request_id DESC"],
  ["status ASC", "cost DESC"],
  ["name DESC", "execution_time_ms ASC"],
];

describe("keyset paging of searchTraces", () => {
  it.each(ORDERS.map((o) => [o.join(", ") || "default order", o] as const))(
    "walks %s forward and back with the rows of one ORDER BY",
    async (_label, orderBy) => {
      for (const [size, filter] of [
        [7, undefined],
        [3, "attributes.status = 'OK'"],
      ] as const) {
        const want = await expected(orderBy, filter);
        const { pages, prevTokens } = await walk(orderBy, size, filter);
        expect(pages.flat()).toEqual(want);
        expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
        expect(prevTokens[0]).toBeUndefined();
        // Back from each page by its prevPageToken: the page before it, exactly.
        for (let p = 1; p < pages.length; p++) {
          const back = await searchTraces(SYSTEM_ACTOR, {
            experimentIds: [experimentId],
            orderBy,
            filter,
            pageToken: prevTokens[p],
            maxResults: size,
          });
          expect(back.traces.map((t) => t.traceId)).toEqual(pages[p - 1]);
          expect(back.prevPageToken === undefined).toBe(p === 1);
        }
      }
    },
  );

  it("still reads offset tokens (MLflow's shape) and answers them with keyset tokens", async () => {
    const want = await expected([]);
    const page = await searchTraces(SYSTEM_ACTOR, {
      experimentIds: [experimentId],
      pageToken: encodePageToken(10),
      maxResults: 5,
    });
    expect(page.traces.map((t) => t.traceId)).toEqual(want.slice(10, 15));
    const next = await searchTraces(SYSTEM_ACTOR, {
      experimentIds: [experimentId],
      pageToken: page.nextPageToken,
      maxResults: 5,
    });
    expect(next.traces.map((t) => t.traceId)).toEqual(want.slice(15, 20));
  });

  it("gives no next token on an exactly full last page", async () => {
    const page = await searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], maxResults: N });
    expect(page.traces).toHaveLength(N);
    expect(page.nextPageToken).toBeUndefined();
  });

  it("rejects a token of another sort order with a 400", async () => {
    const search = (pageToken: string) =>
      searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], orderBy: ["cost DESC"], pageToken, maxResults: 5 });
    // The default order's token: two values where cost's order has three.
    await expect(search(encodeKeysetToken("after", ["1700000000000", "tr-x"]))).rejects.toThrow(ValidationError);
    // A string where cost holds a number.
    await expect(search(encodeKeysetToken("after", ["x", "1700000000000", "tr-x"]))).rejects.toThrow(
      "different sort order",
    );
  });
});
