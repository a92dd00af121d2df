/**
 * Costs on both databases: usage per model stored at ingestion (OTLP writer and seed factory),
 * Trace.costUsd and span costs from the price table, recomputed when prices change, and the
 * `trace.cost` filter/sort. The price table is global, so this file alone changes it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import { randomHex } from "@/lib/ids";
import { normalizeSpan } from "@/lib/ingestion/mapping";
import { ingestSpans } from "@/lib/ingestion/writer";
import { insertTrace } from "@/lib/seed/factories";
import { getTraceWithSpans } from "@/lib/traces/service";
import { searchTraces } from "@/lib/traces/search/service";
import { createUser } from "@/lib/users/service";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { ZReplaceModelPricesBody } from "./schemas";
import { listModelPrices, replaceModelPrices } from "./service";

let admin: Actor;
let dev: Actor;
let experimentId = "";
const model = uniqueName("testlm").toLowerCase();
const other = uniqueName("otherlm").toLowerCase();

async function actorFor(role: "ADMIN" | "DEVELOPER"): Promise<Actor> {
  const { user } = await createUser(SYSTEM_ACTOR, {
    email: `${uniqueName(role.toLowerCase())}@t.test`,
    role,
    password: "trace-review-passphrase-9",
  });
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

const cost = async (traceId: string) =>
  (await db().trace.findUniqueOrThrow({ where: { id: traceId }, select: { costUsd: true } })).costUsd;

function seeded(inputTokens: number, outputTokens: number, spanModel = `${model.toUpperCase()}-2024-08-06`) {
  return insertTrace(db(), {
    experimentId,
    timestampMs: Date.now(),
    root: {
      name: "agent",
      spanType: "AGENT",
      startMs: 0,
      durationMs: 100,
      children: [
        { name: "llm-1", spanType: "LLM", startMs: 1, durationMs: 40, model: spanModel, inputTokens, outputTokens },
        {
          name: "llm-2",
          spanType: "LLM",
          startMs: 50,
          durationMs: 40,
          model: other,
          inputTokens: 1000,
          outputTokens: 0,
        },
      ],
    },
  });
}

beforeAll(async () => {
  admin = await actorFor("ADMIN");
  dev = await actorFor("DEVELOPER");
  experimentId = (await makeExperiment()).id;
  await replaceModelPrices(admin, {
    prices: [
      { model, inputUsdPerMillion: 1, outputUsdPerMillion: 2 },
      { model: other, inputUsdPerMillion: 10, outputUsdPerMillion: 10 },
    ],
  });
});

describe("trace and span costs", () => {
  it("costs a seeded trace per model and per span, and follows price changes", async () => {
    const traceId = await seeded(1000, 500);
    // 1000×$1/M + 500×$2/M for the dated spelling of `model`, plus 1000×$10/M for `other`.
    expect(await cost(traceId)).toBeCloseTo(0.002 + 0.01, 12);
    const usage = await db().traceModelUsage.findMany({ where: { traceId }, orderBy: { model: "asc" } });
    expect(usage.map((u) => [u.model, u.inputTokens, u.outputTokens])).toEqual(
      [
        [`${model}-2024-08-06`, 1000, 500],
        [other, 1000, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const full = await getTraceWithSpans(dev, traceId);
    expect(full.info.costUsd).toBeCloseTo(0.012, 12);
    expect(full.spans.find((s) => s.name === "llm-1")!.costUsd).toBeCloseTo(0.002, 12);
    expect(full.spans.find((s) => s.name === "agent")!.costUsd).toBeNull();

    const res = await replaceModelPrices(admin, {
      prices: [
        { model, inputUsdPerMillion: 3, outputUsdPerMillion: 4 },
        { model: other, inputUsdPerMillion: 10, outputUsdPerMillion: 10 },
      ],
    });
    expect(res.recomputedTraces).toBeGreaterThanOrEqual(1);
    expect(await cost(traceId)).toBeCloseTo(0.003 + 0.002 + 0.01, 12);
    // Removing a price leaves only the priced model in the sum.
    await replaceModelPrices(admin, { prices: [{ model, inputUsdPerMillion: 3, outputUsdPerMillion: 4 }] });
    expect(await cost(traceId)).toBeCloseTo(0.005, 12);
    await replaceModelPrices(admin, {
      prices: [
        { model, inputUsdPerMillion: 1, outputUsdPerMillion: 2 },
        { model: other, inputUsdPerMillion: 10, outputUsdPerMillion: 10 },
      ],
    });
    expect(await cost(traceId)).toBeCloseTo(0.012, 12);
  });

  it("stores usage and cost for spans arriving over OTLP, across requests", async () => {
    const hex = randomHex(16);
    const [root, llm] = [randomHex(8), randomHex(8)];
    const T0 = 1_700_000_000_000_000_000n;
    const span = (spanId: string, parent: string | null, attributes: Record<string, unknown>) =>
      normalizeSpan({
        otelTraceIdHex: hex,
        spanId,
        parentSpanId: parent,
        name: parent ? "llm" : "root",
        kind: 1,
        startTimeNs: T0,
        endTimeNs: T0 + 5_000_000n,
        statusCode: "OK",
        statusMessage: null,
        attributes,
        events: [],
        resourceAttributes: {},
      });
    await ingestSpans(SYSTEM_ACTOR, experimentId, [
      span(llm, root, {
        "openinference.span.kind": "LLM",
        "llm.model_name": model,
        "llm.token_count.prompt": 2000,
        "llm.token_count.completion": 1000,
      }),
    ]);
    const traceId = `tr-${hex}`;
    expect(await cost(traceId)).toBeCloseTo(0.002 + 0.002, 12);
    await ingestSpans(SYSTEM_ACTOR, experimentId, [span(root, null, { "openinference.span.kind": "CHAIN" })]);
    expect(await cost(traceId)).toBeCloseTo(0.004, 12);
  });

  it("filters and sorts traces by cost", async () => {
    const cheap = await seeded(0, 0, `${model}`);
    const dear = await seeded(1_000_000, 0);
    const found = await searchTraces(dev, {
      experimentIds: [experimentId],
      filter: "trace.cost > 0.5",
      maxResults: 100,
    });
    expect(found.traces.map((t) => t.traceId)).toEqual([dear]);
    const sorted = await searchTraces(dev, {
      experimentIds: [experimentId],
      filter: "trace.cost < 0.0101",
      orderBy: ["cost ASC"],
      maxResults: 100,
    });
    const costs = sorted.traces.map((t) => t.costUsd!);
    expect(costs.length).toBeGreaterThanOrEqual(2);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(costs.every((c) => c < 0.0101)).toBe(true);
    expect(sorted.traces.map((t) => t.traceId)).toContain(cheap);
    expect(sorted.traces.map((t) => t.traceId)).not.toContain(dear);
  });
});

describe("price table", () => {
  it("is read by developers, replaced only by admins, and refuses duplicate models", async () => {
    const list = await listModelPrices(dev);
    expect(list.prices.map((p) => p.model)).toContain(model);
    await expect(replaceModelPrices(dev, { prices: [] })).rejects.toBeInstanceOf(ForbiddenError);
    const parsed = ZReplaceModelPricesBody.safeParse({
      prices: [
        { model: "gpt-4o", inputUsdPerMillion: 1, outputUsdPerMillion: 1 },
        { model: "GPT-4o", inputUsdPerMillion: 2, outputUsdPerMillion: 2 },
        { model: "x", inputUsdPerMillion: -1, outputUsdPerMillion: 1 },
      ],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["prices.1.model", "prices.2.inputUsdPerMillion"]));
  });
});
