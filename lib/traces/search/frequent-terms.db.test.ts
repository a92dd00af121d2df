/**
 * Frequent search words (in many of the experiment's newest traces) skip the trace-id lookup and
 * stay a correlated EXISTS in the trace query (isFrequentAmongNewest in term-matches.ts); rarer
 * words are looked up. Either way a search returns the same traces in the same order.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { insertTrace } from "@/lib/seed/factories";
import { compileOrderBy, compileTraceFilter, parseOrderBy, parseTraceFilter } from "@/lib/traces/search";
import { searchTraces } from "@/lib/traces/search/service";
import { FREQUENT_SAMPLE, findTermMatches, TERM_MATCH_BOUND } from "@/lib/traces/search/term-matches";
import { db, makeExperiment, provider } from "@/test/db";

let experimentId = "";
/** Every trace mentions "quasar"; every fourth also "nebula" (below the sample's hits). */
const N = FREQUENT_SAMPLE.hits + 14;

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  for (let i = 0; i < N; i++) {
    await insertTrace(db(), {
      experimentId,
      timestampMs: 1_700_000_000_000 + i * 1000,
      root: {
        name: "chat",
        spanType: "CHAIN",
        startMs: 0,
        durationMs: 100,
        inputs: { question: `tell me about the quasar ${i}${i % 4 === 0 ? " and the nebula" : ""}` },
        outputs: { answer: "far away" },
      },
      tags: { env: i % 2 ? "prod" : "staging" },
    });
  }
});

/** The traces a filter selects, newest first, compiled without any lookup (every word an EXISTS). */
async function reference(filter: string): Promise<string[]> {
  const where = compileTraceFilter(parseTraceFilter(filter), { provider: provider(), experimentIds: [experimentId] });
  const rows = await db().trace.findMany({ where, orderBy: compileOrderBy(parseOrderBy(null)), select: { id: true } });
  return rows.map((r) => r.id);
}

async function search(filter: string): Promise<string[]> {
  const page = await searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], filter, maxResults: 100 });
  return page.traces.map((t) => t.traceId);
}

describe("frequent search words", () => {
  it("are not looked up when enough of the newest traces contain them; rarer words are", async () => {
    const frequent = await findTermMatches(parseTraceFilter("QUASAR"), provider(), TERM_MATCH_BOUND, [experimentId]);
    expect(frequent.terms.size).toBe(0);
    const rare = await findTermMatches(parseTraceFilter("nebula"), provider(), TERM_MATCH_BOUND, [experimentId]);
    expect([...rare.terms]).toEqual(["nebula"]);
    expect(rare.traceIds).toHaveLength(Math.ceil(N / 4));
    // Without the experiment (the Sessions list's call) or across two experiments: looked up as before.
    expect((await findTermMatches(parseTraceFilter("quasar"), provider())).terms.size).toBe(1);
    const two = await findTermMatches(parseTraceFilter("quasar"), provider(), TERM_MATCH_BOUND, [experimentId, "0"]);
    expect(two.terms.size).toBe(1);
  });

  it("give the same traces as the plain EXISTS, alone and with other conditions", async () => {
    for (const filter of [
      "quasar",
      "quasar AND tags.env = 'prod'",
      "quasar nebula",
      "nebula AND tags.env = 'staging'",
    ]) {
      const expected = await reference(filter);
      expect(expected.length, filter).toBeGreaterThan(0);
      expect(await search(filter), filter).toEqual(expected);
    }
    expect(await search("quasar")).toHaveLength(N);
  });
});
