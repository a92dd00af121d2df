import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { randomHex } from "@/lib/ids";
import { normalizeSpan } from "@/lib/ingestion/mapping";
import type { DecodedSpan, NormalizedSpan } from "@/lib/ingestion/types";
import { db, makeExperiment } from "@/test/db";
import { upsertTraceInfo } from "./trace-info-writer";
import { ingestSpans } from "./writer";

const T0 = 1_700_000_000_000_000_000n;

function span(
  otelTraceIdHex: string,
  spanId: string,
  parent: string | null,
  over: Partial<DecodedSpan> = {},
): NormalizedSpan {
  return normalizeSpan({
    otelTraceIdHex,
    spanId,
    parentSpanId: parent,
    name: `span-${spanId.slice(0, 4)}`,
    kind: 1,
    startTimeNs: T0,
    endTimeNs: T0 + 5_000_000n,
    statusCode: "OK",
    statusMessage: null,
    attributes: {},
    events: [],
    resourceAttributes: {},
    ...over,
  });
}

function ragTrace() {
  const hex = randomHex(16);
  const [root, retr, llm] = [randomHex(8), randomHex(8), randomHex(8)];
  return {
    traceId: `tr-${hex}`,
    root: span(hex, root, null, {
      name: "rag",
      endTimeNs: T0 + 250_000_000n,
      attributes: {
        "openinference.span.kind": "CHAIN",
        "input.value": "What is X?",
        "output.value": "X is Y.",
        "session.id": "s-1",
        "user.id": "u-1",
      },
    }),
    retriever: span(hex, retr, root, {
      name: "retrieve",
      startTimeNs: T0 + 1_000_000n,
      attributes: { "openinference.span.kind": "RETRIEVER" },
    }),
    llm: span(hex, llm, root, {
      name: "llm",
      startTimeNs: T0 + 10_000_000n,
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.token_count.prompt": 12,
        "llm.token_count.completion": 5,
        "llm.model_name": "gpt-x",
      },
    }),
  };
}

async function stored(traceId: string) {
  const trace = await db().trace.findUniqueOrThrow({
    where: { id: traceId },
    include: { tags: true, metadata: true, spans: true },
  });
  return {
    ...trace,
    tagMap: Object.fromEntries(trace.tags.map((t) => [t.key, t.value])),
    metaMap: Object.fromEntries(trace.metadata.map((m) => [m.key, m.value])),
  };
}

describe("ingestSpans", () => {
  it("creates the trace on first sight, completes it with the root in a later request, and rolls up", async () => {
    const exp = await makeExperiment();
    const t = ragTrace();
    const first = await ingestSpans(SYSTEM_ACTOR, exp.id, [t.llm]);
    expect(first).toEqual({ traceIds: [t.traceId], spanCount: 1 });
    let row = await stored(t.traceId);
    expect(row.state).toBe("IN_PROGRESS");
    expect(row.spanCount).toBe(1);
    expect(row.tagMap["mlflow.trace.spansLocation"]).toBe("TRACKING_STORE");

    await ingestSpans(SYSTEM_ACTOR, exp.id, [t.root, t.retriever]);
    row = await stored(t.traceId);
    expect(row.state).toBe("OK");
    expect(row.spanCount).toBe(3);
    expect(row.name).toBe("rag");
    expect(row.tagMap["mlflow.traceName"]).toBe("rag");
    expect(row.requestPreview).toBe('"What is X?"');
    expect(row.responsePreview).toBe('"X is Y."');
    expect(Number(row.timestampMs)).toBe(Number(T0 / 1_000_000n));
    expect(Number(row.executionTimeMs)).toBe(250);
    expect([row.inputTokens, row.outputTokens, row.totalTokens]).toEqual([12, 5, 17]);
    expect(JSON.parse(row.metaMap["mlflow.trace.tokenUsage"]!)).toEqual({
      input_tokens: 12,
      output_tokens: 5,
      total_tokens: 17,
    });
    expect(row.metaMap["mlflow.trace.session"]).toBe("s-1");
    expect(row.metaMap["mlflow.trace.user"]).toBe("u-1");
    expect(row.metaMap["mlflow.trace_schema.version"]).toBe("3");
    expect(row.spans.find((s) => s.name === "llm")?.spanType).toBe("LLM");
  });

  it("updates a re-sent span instead of duplicating it, and takes the state from the root's status", async () => {
    const exp = await makeExperiment();
    const t = ragTrace();
    await ingestSpans(SYSTEM_ACTOR, exp.id, [t.root, t.llm]);
    const failedRoot = { ...t.root, statusCode: "ERROR" as const, statusMessage: "boom" };
    const llmAgain = { ...t.llm, inputTokens: 100 };
    await ingestSpans(SYSTEM_ACTOR, exp.id, [failedRoot, llmAgain, t.retriever]);
    const row = await stored(t.traceId);
    expect(row.spans).toHaveLength(3);
    expect(row.state).toBe("ERROR");
    expect(row.spans.find((s) => s.spanId === t.root.spanId)?.statusMessage).toBe("boom");
    expect(row.inputTokens).toBe(100);
  });

  it("keeps concurrent requests for one new trace in one trace", async () => {
    const exp = await makeExperiment();
    const t = ragTrace();
    await Promise.all([
      ingestSpans(SYSTEM_ACTOR, exp.id, [t.llm]),
      ingestSpans(SYSTEM_ACTOR, exp.id, [t.retriever]),
      ingestSpans(SYSTEM_ACTOR, exp.id, [t.root]),
    ]);
    const row = await stored(t.traceId);
    expect(row.spans).toHaveLength(3);
    expect(row.spanCount).toBe(3);
    expect(row.state).toBe("OK");
  });

  it("counts every span when many concurrent requests re-send the root with new children", async () => {
    const exp = await makeExperiment();
    const t = ragTrace();
    const hex = t.traceId.slice(3);
    const children = Array.from({ length: 8 }, (_, i) =>
      span(hex, randomHex(8), t.root.spanId, { attributes: { "llm.token_count.prompt": i + 1 } }),
    );
    await Promise.all(children.map((c) => ingestSpans(SYSTEM_ACTOR, exp.id, [t.root, c])));
    const row = await stored(t.traceId);
    expect([row.spans.length, row.spanCount, row.inputTokens, row.state, row.name]).toEqual([9, 9, 36, "OK", "rag"]);
    expect(JSON.parse(row.metaMap["mlflow.trace.tokenUsage"]!)).toEqual({
      input_tokens: 36,
      output_tokens: 0,
      total_tokens: 36,
    });
  });

  it("stores a trace sent whole the same as one sent in pieces, re-sent spans included", async () => {
    const exp = await makeExperiment();
    const whole = ragTrace();
    await ingestSpans(SYSTEM_ACTOR, exp.id, [whole.llm, whole.root, whole.retriever]);
    const pieces = ragTrace();
    await ingestSpans(SYSTEM_ACTOR, exp.id, [pieces.llm]);
    await ingestSpans(SYSTEM_ACTOR, exp.id, [pieces.root, pieces.llm]);
    await ingestSpans(SYSTEM_ACTOR, exp.id, [pieces.retriever]);
    const view = (r: Awaited<ReturnType<typeof stored>>) => ({
      figures: [
        r.state,
        r.name,
        r.requestPreview,
        r.responsePreview,
        r.spanCount,
        r.inputTokens,
        r.outputTokens,
        r.totalTokens,
      ],
      timestampMs: Number(r.timestampMs),
      executionTimeMs: Number(r.executionTimeMs),
      tags: r.tagMap,
      meta: r.metaMap,
      spans: r.spans
        .map((s) => ({ ...s, traceId: "", spanId: "", parentSpanId: s.parentSpanId === null ? null : "" }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
    const [a, b] = [view(await stored(whole.traceId)), view(await stored(pieces.traceId))];
    expect(a).toEqual(b);
    expect(a.spans).toHaveLength(3);
    expect(a.meta["mlflow.trace_schema.version"]).toBe("3");
  });

  it("writes batches larger than one statement's parameter budget", async () => {
    const exp = await makeExperiment();
    const hex = randomHex(16);
    const rootId = randomHex(8);
    const many = [span(hex, rootId, null, { name: "root", endTimeNs: T0 + 9_000_000n })];
    for (let i = 0; i < 1200; i++) {
      many.push(
        span(hex, randomHex(8), rootId, { startTimeNs: T0 + BigInt(i), attributes: { "llm.token_count.prompt": 1 } }),
      );
    }
    await ingestSpans(SYSTEM_ACTOR, exp.id, many);
    await ingestSpans(SYSTEM_ACTOR, exp.id, many.slice(0, 700)); // re-sent: updated, not duplicated
    const row = await db().trace.findUniqueOrThrow({ where: { id: `tr-${hex}` } });
    expect([row.spanCount, row.inputTokens, row.state, row.name]).toEqual([1201, 1200, "OK", "root"]);
    expect(await db().span.count({ where: { traceId: `tr-${hex}` } })).toBe(1201);
  });

  it("refuses an unknown experiment with 404 and reviewers with 403", async () => {
    const t = ragTrace();
    await expect(ingestSpans(SYSTEM_ACTOR, "999999999", [t.root])).rejects.toMatchObject({ status: 404 });
    const exp = await makeExperiment();
    await expect(ingestSpans({ ...SYSTEM_ACTOR, role: "REVIEWER" }, exp.id, [t.root])).rejects.toMatchObject({
      status: 403,
    });
    expect(await db().trace.findUnique({ where: { id: t.traceId } })).toBeNull();
  });
});

describe("upsertTraceInfo", () => {
  const info = (traceId: string, experimentId: string) => ({
    traceId,
    experimentId,
    requestTimeMs: 1_700_000_000_123,
    executionTimeMs: 115,
    state: "OK" as const,
    requestPreview: '{"q": "What is X?"}',
    responsePreview: '"X is Y."',
    metadata: {
      "mlflow.user": "root",
      "mlflow.trace.tokenUsage": '{"input_tokens": 12, "output_tokens": 5, "total_tokens": 17}',
    },
    tags: { "mlflow.traceName": "rag" },
  });

  it("ends in the same stored trace whether spans or the trace create come first", async () => {
    const exp = await makeExperiment();
    const a = ragTrace();
    await ingestSpans(SYSTEM_ACTOR, exp.id, [a.root, a.retriever, a.llm]);
    await upsertTraceInfo(SYSTEM_ACTOR, info(a.traceId, exp.id));
    const b = ragTrace();
    await upsertTraceInfo(SYSTEM_ACTOR, info(b.traceId, exp.id));
    await ingestSpans(SYSTEM_ACTOR, exp.id, [b.root, b.retriever, b.llm]);

    const [ra, rb] = [await stored(a.traceId), await stored(b.traceId)];
    const view = (r: Awaited<ReturnType<typeof stored>>) => ({
      state: r.state,
      timestampMs: Number(r.timestampMs),
      executionTimeMs: Number(r.executionTimeMs),
      requestPreview: r.requestPreview,
      responsePreview: r.responsePreview,
      spanCount: r.spanCount,
      totalTokens: r.totalTokens,
      tags: r.tagMap,
      meta: r.metaMap,
    });
    const va = view(ra);
    expect(va).toEqual({
      ...view(rb),
      tags: { ...view(rb).tags, "mlflow.artifactLocation": va.tags["mlflow.artifactLocation"] },
    });
    expect(va.requestPreview).toBe('{"q": "What is X?"}');
    expect(va.executionTimeMs).toBe(115);
    expect(va.spanCount).toBe(3);
    expect(va.tags["mlflow.artifactLocation"]).toBe(`mlflow-artifacts:/${exp.id}/traces/${a.traceId}/artifacts`);
    expect(va.tags["mlflow.trace.spansLocation"]).toBe("TRACKING_STORE");
    expect(va.meta["mlflow.trace.tokenUsage"]).toBe('{"input_tokens": 12, "output_tokens": 5, "total_tokens": 17}');
    expect(va.meta["mlflow.trace.session"]).toBe("s-1");
  });

  it("rejects malformed trace ids", async () => {
    const exp = await makeExperiment();
    await expect(upsertTraceInfo(SYSTEM_ACTOR, info("tr-xyz", exp.id))).rejects.toMatchObject({ status: 400 });
  });
});
