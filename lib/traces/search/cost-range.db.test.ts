/**
 * Cost ranges on both databases: the bounded count that decides how SQLite reads a wide range
 * (lib/traces/search/cost-range.ts), and the two spellings of a range (`costUsd > x` and the
 * unindexed `NOT (costUsd <= x)`) giving exactly the same traces, nulls included.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { compileTraceFilter, parseTraceFilter } from "@/lib/traces/search";
import { isWideCostRange } from "@/lib/traces/search/cost-range";
import { searchTraces } from "@/lib/traces/search/service";
import { db, makeExperiment, provider } from "@/test/db";

let experimentId = "";
const N = 30;
/** Trace i costs i / 1000 USD; every third trace has no cost (nothing priced). */
const cost = (i: number) => (i % 3 === 0 ? null : i / 1000);

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  await db().trace.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      id: `tr-${experimentId.slice(-8)}${i.toString(16).padStart(24, "0")}`.slice(0, 35),
      experimentId,
      timestampMs: BigInt(1_700_000_000_000 + i * 1000),
      costUsd: cost(i),
    })),
  });
});

const FILTERS = [
  "trace.cost > 0.01",
  "trace.cost >= 0.01",
  "trace.cost < 0.01",
  "trace.cost <= 0.01",
  "trace.cost > 0.005 AND trace.cost <= 0.02",
  "trace.cost = 0.01",
  "trace.cost != 0.01",
  "trace.cost > 1",
];

/** What a filter selects, compiled one way or the other, newest first. */
async function ids(filter: string, wideCostRange: boolean): Promise<string[]> {
  const where = compileTraceFilter(parseTraceFilter(filter), {
    provider: provider(),
    experimentIds: [experimentId],
    wideCostRange,
  });
  const rows = await db().trace.findMany({ where, orderBy: [{ timestampMs: "desc" }], select: { id: true } });
  return rows.map((r) => r.id);
}

/** The reference, computed here from the seeded costs. */
function expected(test: (c: number) => boolean): string[] {
  return Array.from({ length: N }, (_, i) => i)
    .filter((i) => cost(i) !== null && test(cost(i)!))
    .reverse()
    .map((i) => `tr-${experimentId.slice(-8)}${i.toString(16).padStart(24, "0")}`.slice(0, 35));
}

describe("cost ranges", () => {
  it("select the same traces whether compiled for the cost index or for the walk (nulls never match)", async () => {
    expect(await ids("trace.cost > 0.01", false)).toEqual(expected((c) => c > 0.01));
    expect(await ids("trace.cost <= 0.01", true)).toEqual(expected((c) => c <= 0.01));
    for (const filter of FILTERS) expect(await ids(filter, true), filter).toEqual(await ids(filter, false));
  });

  it("are wide on SQLite when more traces than the bound match, and never on PostgreSQL", async () => {
    const wide = (filter: string, bound: number) =>
      isWideCostRange(parseTraceFilter(filter), [experimentId], provider(), bound);
    // 20 traces have a cost; 10 of them above 0.015.
    const sqlite = provider() === "sqlite";
    expect(await wide("trace.cost > 0.015", 9)).toBe(sqlite);
    expect(await wide("trace.cost > 0.015", 10)).toBe(false);
    expect(await wide("trace.cost > 0.005 AND trace.cost < 0.015", 5)).toBe(sqlite);
    expect(await wide("trace.cost > 0.005 AND trace.cost < 0.015", 7)).toBe(false);
    // Not a range: equality, another key, or nothing to count.
    expect(await wide("trace.cost = 0.02", 0)).toBe(false);
    expect(await wide("attributes.status = 'OK'", 0)).toBe(false);
    expect(await isWideCostRange(parseTraceFilter("trace.cost > 0"), [], provider(), 0)).toBe(false);
  });

  it("page through searchTraces like one ORDER BY", async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await searchTraces(SYSTEM_ACTOR, {
        experimentIds: [experimentId],
        filter: "trace.cost > 0.005",
        pageToken,
        maxResults: 4,
      });
      seen.push(...page.traces.map((t) => t.traceId));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(expected((c) => c > 0.005));
  });
});
