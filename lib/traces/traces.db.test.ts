/** searchTraces, getTrace*, batchGetTraceInfos, traceSpanPages, deleteTraces and trace tags against both databases. */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { createAssessment } from "@/lib/assessments/service";
import { createUser } from "@/lib/users/service";
import { insertTrace, type TraceSpec } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import {
  batchGetTraceInfos,
  deleteTraceTag,
  deleteTraces,
  getTraceInfo,
  getTraceSpan,
  getTraceSpansPage,
  getTraceTree,
  getTraceTreeJson,
  getTraceWithSpans,
  setTraceTag,
  traceSpanPages,
} from "./service";
import { decodeSpanTree } from "./tree-wire";
import type { SpanDto, TraceTreeDto } from "./schemas";
import { randomHex } from "@/lib/ids";
import { normalizeSpan } from "@/lib/ingestion/mapping";
import { ingestSpans } from "@/lib/ingestion/writer";
import { searchTraces } from "./search/service";

let dev: Actor;
let reviewer: Actor;
let experimentId = "";
const ids: string[] = [];

async function actorFor(role: "DEVELOPER" | "REVIEWER"): Promise<Actor> {
  const { user } = await createUser(SYSTEM_ACTOR, {
    email: `${uniqueName(role.toLowerCase())}@t.test`,
    role,
    password: "trace-review-passphrase-9",
  });
  return { userId: user.id, email: user.email, name: user.name, role, via: "session" };
}

const spec = (i: number, extra: Partial<TraceSpec> = {}): TraceSpec => ({
  experimentId,
  timestampMs: 1_700_000_000_000 + i * 1000,
  tags: { env: i % 2 ? "prod" : "staging" },
  root: {
    name: `root-${i}`,
    spanType: "CHAIN",
    startMs: 0,
    durationMs: 100 + i,
    inputs: { q: `question ${i}` },
    outputs: { a: `answer ${i}` },
    status: i === 3 ? "ERROR" : "OK",
    children: [
      {
        name: "llm",
        spanType: "LLM",
        startMs: 5,
        durationMs: 50,
        inputTokens: 10,
        outputTokens: 5,
        events: [{ name: "exception", offsetMs: 6, attributes: { "exception.message": "boom" } }],
      },
    ],
  },
  ...extra,
});

beforeAll(async () => {
  dev = await actorFor("DEVELOPER");
  reviewer = await actorFor("REVIEWER");
  experimentId = (await makeExperiment()).id;
  for (let i = 0; i < 6; i++) {
    ids.push(
      await insertTrace(
        db(),
        spec(
          i,
          i === 2
            ? {
                assessments: [
                  {
                    name: "user_feedback",
                    kind: "FEEDBACK",
                    value: false,
                    rationale: "bad",
                    sourceType: "HUMAN",
                    sourceId: "u1",
                  },
                ],
              }
            : {},
        ),
      ),
    );
  }
});

describe("searchTraces", () => {
  it("pages newest first with tags, metadata and assessments embedded", async () => {
    const p1 = await searchTraces(dev, { experimentIds: [experimentId], maxResults: 4 });
    expect(p1.traces.map((t) => t.traceId)).toEqual([ids[5], ids[4], ids[3], ids[2]]);
    expect(p1.nextPageToken).toBeTruthy();
    const t2 = p1.traces[3]!;
    expect(t2).toMatchObject({
      experimentId,
      name: "root-2",
      state: "OK",
      spanCount: 2,
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15,
      executionTimeMs: 102,
      timestampMs: 1_700_000_002_000,
    });
    expect(t2.tags).toMatchObject({ env: "staging", "mlflow.traceName": "root-2" });
    expect(t2.metadata["mlflow.trace_schema.version"]).toBe("3");
    expect(t2.assessments).toHaveLength(1);
    expect(t2.assessments[0]).toMatchObject({
      name: "user_feedback",
      value: false,
      rationale: "bad",
      source: { sourceType: "HUMAN", sourceId: "u1" },
    });
    expect(JSON.parse(t2.requestPreview!)).toEqual({ q: "question 2" });
    const p2 = await searchTraces(dev, {
      experimentIds: [experimentId],
      maxResults: 4,
      pageToken: p1.nextPageToken,
    });
    expect(p2.traces.map((t) => t.traceId)).toEqual([ids[1], ids[0]]);
    expect(p2.nextPageToken).toBeUndefined();
  });

  it("filters by state, tag and assessment value and sorts", async () => {
    const errors = await searchTraces(dev, {
      experimentIds: [experimentId],
      filter: "attributes.status = 'ERROR'",
      maxResults: 10,
    });
    expect(errors.traces.map((t) => t.traceId)).toEqual([ids[3]]);
    const prod = await searchTraces(dev, {
      experimentIds: [experimentId],
      filter: "tags.env = 'prod'",
      orderBy: ["timestamp_ms ASC"],
      maxResults: 10,
    });
    expect(prod.traces.map((t) => t.traceId)).toEqual([ids[1], ids[3], ids[5]]);
    const bad = await searchTraces(dev, {
      experimentIds: [experimentId],
      filter: "feedback.user_feedback = false",
      maxResults: 10,
    });
    expect(bad.traces.map((t) => t.traceId)).toEqual([ids[2]]);
  });

  it("reports filter syntax errors with a position", async () => {
    await expect(
      searchTraces(dev, { experimentIds: [experimentId], filter: "tags.env = ", maxResults: 10 }),
    ).rejects.toMatchObject({ status: 400, details: { position: expect.any(Number) } });
  });
});

describe("getTrace", () => {
  it("returns info and spans with parsed JSON and ns strings", async () => {
    const { info, spans } = await getTraceWithSpans(dev, ids[1]!);
    expect(info.traceId).toBe(ids[1]);
    expect(spans.map((s) => s.name)).toEqual(["root-1", "llm"]);
    const [root, llm] = spans;
    expect(root!.parentSpanId).toBeNull();
    expect(llm!.parentSpanId).toBe(root!.spanId);
    expect(root!.startTimeNs).toBe("1700000001000000000");
    expect(llm!.endTimeNs).toBe("1700000001055000000");
    expect(root!.inputs).toEqual({ q: "question 1" });
    expect(llm!.attributes["mlflow.spanType"]).toBe("LLM");
    expect(llm!.events[0]).toMatchObject({ name: "exception", attributes: { "exception.message": "boom" } });
    await expect(getTraceInfo(dev, "tr-missing")).rejects.toMatchObject({ status: 404 });
  });

  it("gives the view a compact tree without content, one span's content on demand, and the full trace in pages", async () => {
    const full = await getTraceWithSpans(dev, ids[1]!);
    const { info, tree } = await getTraceTree(dev, ids[1]!);
    expect(info.traceId).toBe(ids[1]);
    expect(JSON.stringify(tree)).not.toContain("question 1");
    expect(decodeSpanTree(tree)).toEqual(
      full.spans.map(({ spanId, parentSpanId, name, spanType, startTimeNs, endTimeNs, statusCode }) => ({
        ...{ spanId, parentSpanId, name, spanType, startTimeNs, endTimeNs, statusCode },
      })),
    );
    const llm = full.spans[1]!;
    expect(await getTraceSpan(dev, ids[1]!, llm.spanId)).toEqual(llm);
    await expect(getTraceSpan(dev, ids[1]!, "0000000000000000")).rejects.toMatchObject({ status: 404 });
    await expect(getTraceSpan(dev, ids[2]!, llm.spanId)).rejects.toMatchObject({ status: 404 });

    const first = await getTraceSpansPage(dev, ids[1]!, { maxResults: 1 });
    expect(first.spans).toEqual([full.spans[0]]);
    const second = await getTraceSpansPage(dev, ids[1]!, { maxResults: 1, pageToken: first.nextPageToken });
    expect(second.spans).toEqual([llm]);
    const all = await getTraceSpansPage(dev, ids[1]!);
    expect(all.spans).toEqual(full.spans);
    expect(all.nextPageToken).toBeUndefined();
  });

  it("serves the tree of a trace still receiving spans as of its last write, though trees are shared between opens", async () => {
    const exp = await makeExperiment();
    const hex = randomHex(16);
    const traceId = `tr-${hex}`;
    const span = (spanId: string, parentSpanId: string | null) =>
      normalizeSpan({
        ...{ otelTraceIdHex: hex, spanId, parentSpanId, name: `s-${spanId}`, kind: 1, statusCode: "OK" },
        ...{ startTimeNs: 1_700_000_000_000_000_000n, endTimeNs: 1_700_000_000_005_000_000n, statusMessage: null },
        ...{ attributes: {}, events: [], resourceAttributes: {} },
      });
    const [root, child] = [randomHex(8), randomHex(8)];
    const spanIds = (json: string) => decodeSpanTree((JSON.parse(json) as TraceTreeDto).tree).map((s) => s.spanId);
    await ingestSpans(SYSTEM_ACTOR, exp.id, [span(root, null)]);
    const opens = await Promise.all([1, 2, 3].map(() => getTraceTreeJson(dev, traceId)));
    expect(opens.map(spanIds)).toEqual([[root], [root], [root]]);
    await ingestSpans(SYSTEM_ACTOR, exp.id, [span(child, root)]);
    // Equal start times: the tree lists them by span id (the view orders siblings itself).
    expect(spanIds(await getTraceTreeJson(dev, traceId))).toEqual([root, child].sort());
    await expect(getTraceTreeJson(reviewer, traceId)).rejects.toMatchObject({ status: 404 });
  });

  it("sends a small root span's content with the tree and leaves a big one to be loaded by id", async () => {
    const exp = await makeExperiment();
    const rootWith = async (inputs: string) => {
      const hex = randomHex(16);
      const [root, child] = [randomHex(8), randomHex(8)];
      const span = (spanId: string, parentSpanId: string | null, attributes: Record<string, unknown>) =>
        normalizeSpan({
          ...{ otelTraceIdHex: hex, spanId, parentSpanId, name: `s-${spanId}`, kind: 1, statusCode: "OK" },
          ...{ startTimeNs: 1_700_000_000_000_000_000n, endTimeNs: 1_700_000_000_005_000_000n, statusMessage: null },
          ...{ attributes, events: [], resourceAttributes: {} },
        });
      await ingestSpans(SYSTEM_ACTOR, exp.id, [
        span(child, root, {}),
        span(root, null, { "mlflow.spanInputs": JSON.stringify({ question: inputs }) }),
      ]);
      return { traceId: `tr-${hex}`, root };
    };
    const small = await rootWith("where is my parcel?");
    const tree = await getTraceTree(dev, small.traceId);
    expect(tree.root?.spanId).toBe(small.root);
    expect(JSON.stringify(tree.root?.inputs)).toContain("where is my parcel?");
    // Cached tree, the root read again for each open.
    expect((await getTraceTree(dev, small.traceId)).root?.spanId).toBe(small.root);
    const big = await rootWith("x".repeat(300_000));
    const bigTree = await getTraceTree(dev, big.traceId);
    expect(bigTree.tree.spanIds).toHaveLength(2);
    expect(bigTree.root).toBeUndefined();
  });

  it("batch-gets trace infos in the asked order, skipping unknown ids", async () => {
    const got = await batchGetTraceInfos(dev, [ids[4]!, "tr-missing", ids[0]!, ids[4]!]);
    expect(got.map((t) => t.traceId)).toEqual([ids[4], ids[0]]);
  });

  it("reads a whole trace's spans in keyset pages, in the order of getTraceWithSpans", async () => {
    const full = await getTraceWithSpans(dev, ids[1]!);
    const pages: string[][] = [];
    for await (const page of traceSpanPages(ids[1]!, 1)) pages.push(page.map((s) => s.spanId));
    expect(pages).toEqual(full.spans.map((s) => [s.spanId]));
    const whole: SpanDto[] = [];
    for await (const page of traceSpanPages(ids[1]!)) whole.push(...page);
    expect(whole).toEqual(full.spans);
  });
});

describe("tags and deletion", () => {
  it("sets and deletes trace tags", async () => {
    await setTraceTag(dev, ids[0]!, "reviewed", "yes");
    expect((await getTraceInfo(dev, ids[0]!)).tags.reviewed).toBe("yes");
    await setTraceTag(dev, ids[0]!, "reviewed", "no");
    expect((await getTraceInfo(dev, ids[0]!)).tags.reviewed).toBe("no");
    await deleteTraceTag(dev, ids[0]!, "reviewed");
    expect((await getTraceInfo(dev, ids[0]!)).tags.reviewed).toBeUndefined();
    await expect(deleteTraceTag(dev, ids[0]!, "reviewed")).rejects.toMatchObject({ status: 404 });
    await expect(setTraceTag(reviewer, ids[0]!, "k", "v")).rejects.toMatchObject({ status: 403 });
  });

  it("deletes by ids (within the experiment only) and the oldest by timestamp", async () => {
    const exp = await makeExperiment();
    const other = await makeExperiment();
    const mk = (e: string, ts: number) =>
      insertTrace(db(), {
        experimentId: e,
        timestampMs: ts,
        root: {
          name: "r",
          spanType: "CHAIN",
          startMs: 0,
          durationMs: 1,
          children: [{ name: "c", spanType: "LLM", startMs: 0, durationMs: 1 }],
        },
      });
    const [a, b, c, d] = [await mk(exp.id, 10), await mk(exp.id, 20), await mk(exp.id, 30), await mk(exp.id, 40)];
    const foreign = await mk(other.id, 5);
    const span = await db().span.findFirstOrThrow({ where: { traceId: a, name: "c" } });
    await createAssessment(dev, a, { name: "x", kind: "FEEDBACK", value: 1, spanId: span.spanId });
    expect(await deleteTraces(dev, exp.id, { traceIds: [a, foreign] })).toBe(1);
    expect(await db().trace.count({ where: { id: foreign } })).toBe(1);
    expect(await db().span.count({ where: { traceId: a } })).toBe(0);
    expect(await deleteTraces(dev, exp.id, { maxTimestampMs: 35, maxTraces: 1 })).toBe(1);
    expect(
      (
        await db().trace.findMany({
          where: { experimentId: exp.id },
          select: { id: true },
          orderBy: { timestampMs: "asc" },
        })
      ).map((t) => t.id),
    ).toEqual([c, d]);
    expect(b).toBeTruthy();
    await expect(deleteTraces(reviewer, exp.id, { traceIds: [c] })).rejects.toMatchObject({ status: 403 });
  });
});
