/**
 * Free-text search and numeric assessment comparisons against the real databases (SQLite's
 * FTS5 trigram table kept by triggers; PostgreSQL's pg_trgm-indexed view), through the one
 * search service the table, the MLflow API and labeling use.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { randomHex } from "@/lib/ids";
import { normalizeSpan } from "@/lib/ingestion/mapping";
import { ingestSpans } from "@/lib/ingestion/writer";
import { insertTrace } from "@/lib/seed/factories";
import { compileTraceFilter, parseTraceFilter } from "@/lib/traces/search";
import { countTraces, searchTraces } from "@/lib/traces/search/service";
import { findTermMatches } from "@/lib/traces/search/term-matches";
import { deleteTraces } from "@/lib/traces/service";
import { db, makeExperiment, provider } from "@/test/db";

let experimentId = "";
const ids: Record<string, string> = {};

async function chat(label: string, question: string, answer: string, env: string, score?: unknown) {
  ids[label] = await insertTrace(db(), {
    experimentId,
    timestampMs: 1_700_000_000_000 + Object.keys(ids).length * 1000,
    root: {
      name: "chat",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 100,
      inputs: { messages: [{ role: "user", content: question }] },
      outputs: { choices: [{ message: { role: "assistant", content: answer } }] },
      children: [{ name: "retrieve", spanType: "RETRIEVER", startMs: 1, durationMs: 10, inputs: { query: question } }],
    },
    tags: { env },
    assessments:
      score === undefined
        ? []
        : [{ name: "score", kind: "FEEDBACK", value: score, sourceType: "LLM_JUDGE", sourceId: "judge" }],
  });
}

async function search(filter: string): Promise<string[]> {
  const { traces } = await searchTraces(SYSTEM_ACTOR, { experimentIds: [experimentId], filter, maxResults: 100 });
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return traces.map((t) => byId[t.traceId] ?? t.traceId).sort();
}

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  await chat("gpuQuestion", "Why is my GPU out of memory?", "Lower the batch size.", "prod", 0.9);
  await chat("gpuAnswer", "How do I train faster?", "Use a bigger gpu and mixed precision.", "staging", 0.2);
  await chat("refund", "What is the refund policy?", "Refunds within 30 days.", "prod", "0.75");
  await chat("other", "Hello", "Hi! How can I help?", "prod", "not a number");
});

describe("free-text search", () => {
  it("finds traces whose question or answer mentions a word, in any case", async () => {
    expect(await search("GPU")).toEqual(["gpuAnswer", "gpuQuestion"]);
    expect(await search("gpu")).toEqual(["gpuAnswer", "gpuQuestion"]);
    expect(await search("memory")).toEqual(["gpuQuestion"]);
  });

  it("combines words with the filter grammar", async () => {
    expect(await search("GPU AND tags.env = 'prod'")).toEqual(["gpuQuestion"]);
    expect(await search("tags.env = 'prod' and gpu")).toEqual(["gpuQuestion"]);
    expect(await search("GPU AND feedback.score < 0.5")).toEqual(["gpuAnswer"]);
  });

  it("needs every word, and a quoted phrase as written", async () => {
    expect(await search("GPU memory")).toEqual(["gpuQuestion"]);
    expect(await search('"refund policy"')).toEqual(["refund"]);
    expect(await search("'policy refund'")).toEqual([]);
    expect(await search("zeppelin")).toEqual([]);
  });

  it("gives the same traces whether a word's traces are looked up first or probed per trace", async () => {
    // Below the bound the trace query gets `id IN (looked-up ids)`; above it, a correlated EXISTS.
    const filter = parseTraceFilter("gpu AND tags.env = 'prod'");
    const lookedUp = await findTermMatches(filter, provider());
    expect([...lookedUp.terms]).toEqual(["gpu"]);
    expect(lookedUp.traceIds).toEqual(expect.arrayContaining([ids.gpuAnswer, ids.gpuQuestion]));
    const overBound = await findTermMatches(filter, provider(), 1);
    expect(overBound.terms.size).toBe(0);
    for (const termMatches of [lookedUp, overBound]) {
      const where = compileTraceFilter(filter, { provider: provider(), experimentIds: [experimentId], termMatches });
      const rows = await db().trace.findMany({ where, select: { id: true } });
      expect(rows.map((r) => r.id)).toEqual([ids.gpuQuestion]);
    }
  });

  it("matches a word of under three characters too (by scanning)", async () => {
    expect(await search("Hi!")).toEqual(["other"]);
  });

  it("treats % and _ in a word literally on PostgreSQL", async () => {
    if (provider() !== "postgresql") return; // SQLite's LIKE has no escape: documented in compile-filter.ts
    expect(await search("100%")).toEqual([]);
  });

  it("follows spans written by the ingestion writer, re-sent spans and deleted traces", async () => {
    const hex = randomHex(16);
    const spanId = randomHex(8);
    const span = (inputs: unknown) =>
      normalizeSpan({
        otelTraceIdHex: hex,
        spanId,
        parentSpanId: null,
        name: "root",
        kind: 1,
        startTimeNs: 1_700_000_000_000_000_000n,
        endTimeNs: 1_700_000_000_100_000_000n,
        statusCode: "OK",
        statusMessage: null,
        attributes: { "input.value": JSON.stringify(inputs), "output.value": "ok" },
        events: [],
        resourceAttributes: {},
      });
    await ingestSpans(SYSTEM_ACTOR, experimentId, [span({ q: "quokka facts" })]);
    ids.ingested = `tr-${hex}`;
    expect(await search("quokka")).toEqual(["ingested"]);
    // Sent again with new content: the old text is no longer found, the new one is.
    await ingestSpans(SYSTEM_ACTOR, experimentId, [span({ q: "wombat facts" })]);
    expect(await search("quokka")).toEqual([]);
    expect(await search("wombat")).toEqual(["ingested"]);
    await deleteTraces(SYSTEM_ACTOR, experimentId, { traceIds: [ids.ingested] });
    expect(await search("wombat")).toEqual([]);
    if (provider() === "sqlite") {
      const rows = await db().$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT count(*) AS n FROM "SpanSearchIndex" WHERE "traceId" = ?`,
        ids.ingested,
      );
      expect(Number(rows[0]!.n)).toBe(0);
    }
  });

  it("is answered from the trigram index", async () => {
    if (provider() === "sqlite") {
      const plan = await db().$queryRawUnsafe<{ detail: string }[]>(
        `EXPLAIN QUERY PLAN SELECT "traceId" FROM "SpanSearchText" WHERE "body" LIKE '%gpu%'`,
      );
      expect(plan.map((p) => p.detail).join("\n")).toMatch(/VIRTUAL TABLE INDEX/);
    } else {
      // Tiny tables are scanned whatever the indexes; forbid that to see the index is usable.
      const plan = await db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          `EXPLAIN SELECT "traceId" FROM "SpanSearchText" WHERE "body" ILIKE '%gpu%'`,
        );
      });
      expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toMatch(/Span_search_trgm_idx/);
    }
  });
});

describe("numeric comparisons on assessment values", () => {
  it("compares feedback values that are numbers or strings holding one", async () => {
    expect(await search("feedback.score > 0.5")).toEqual(["gpuQuestion", "refund"]);
    expect(await search("feedback.score >= 0.75")).toEqual(["gpuQuestion", "refund"]);
    expect(await search("feedback.score < 0.75")).toEqual(["gpuAnswer"]);
    expect(await search("feedback.score <= '0.2'")).toEqual(["gpuAnswer"]);
    expect(await search("feedback.score > 0.5 AND feedback.score < 0.8")).toEqual(["refund"]);
    expect(await search("feedback.missing > 0")).toEqual([]);
    expect(await search("feedback.score > 100")).toEqual([]);
  });

  it("compares expectation values, and ignores overridden assessments", async () => {
    const traceId = ids.other!;
    await db().assessment.createMany({
      data: [
        { id: `a-${randomHex(16)}`, traceId, name: "max_len", kind: "EXPECTATION", value: "120", sourceType: "HUMAN" },
        {
          id: `a-${randomHex(16)}`,
          traceId,
          name: "score",
          kind: "FEEDBACK",
          value: "5",
          sourceType: "HUMAN",
          valid: false,
        },
      ],
    });
    expect(await search("expectation.max_len > 100")).toEqual(["other"]);
    expect(await search("expectation.max_len < 100")).toEqual([]);
    expect(await search("feedback.score > 1")).toEqual([]);
  });

  it("refuses a value that is not a number", async () => {
    await expect(search("feedback.score > 'high'")).rejects.toThrow(/expected a number to compare 'feedback.score'/);
  });
});

describe("countTraces", () => {
  it("counts exactly up to the bound, then says there are more", async () => {
    const req = { experimentIds: [experimentId], filter: "GPU" };
    expect(await countTraces(SYSTEM_ACTOR, req)).toEqual({ count: 2, capped: false });
    expect(await countTraces(SYSTEM_ACTOR, { ...req, filter: "tags.env = 'prod'" }, 2)).toEqual({
      count: 2,
      capped: true,
    });
    expect(await countTraces(SYSTEM_ACTOR, { ...req, filter: "tags.env = 'staging'" }, 2)).toEqual({
      count: 1,
      capped: false,
    });
  });
});
