/**
 * Runs compiled filters against the real databases (once on SQLite, once on PostgreSQL) to
 * check that each Prisma shape means on both what the unit tests say it means.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newAssessmentId, newRunId, newSpanId, newTraceId } from "@/lib/ids";
import { compileTraceSearch, nextPageToken } from "@/lib/traces/search";
import { db, makeExperiment, provider } from "@/test/db";

let experimentId = "";
let otherExperimentId = "";
let runId = "";
const ids: Record<string, string> = {};

interface SeedTrace {
  label: string;
  timestampMs: number;
  executionTimeMs?: number | null;
  state?: string;
  name?: string;
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  spans?: {
    name: string;
    spanType?: string;
    statusCode?: string;
    inputs?: string;
    outputs?: string;
    attributes?: string;
  }[];
  assessments?: { name: string; kind?: "FEEDBACK" | "EXPECTATION"; value: string | null; valid?: boolean }[];
  experiment?: "other";
}

async function seed(t: SeedTrace) {
  const id = newTraceId();
  ids[t.label] = id;
  await db().trace.create({
    data: {
      id,
      experimentId: t.experiment === "other" ? otherExperimentId : experimentId,
      timestampMs: BigInt(t.timestampMs),
      executionTimeMs: t.executionTimeMs == null ? null : BigInt(t.executionTimeMs),
      state: t.state ?? "OK",
      name: t.name ?? null,
      tags: { create: Object.entries(t.tags ?? {}).map(([key, value]) => ({ key, value })) },
      metadata: { create: Object.entries(t.metadata ?? {}).map(([key, value]) => ({ key, value })) },
      spans: {
        create: (t.spans ?? []).map((s, i) => ({
          spanId: newSpanId(),
          startTimeNs: BigInt(i),
          spanType: "UNKNOWN",
          ...s,
        })),
      },
      assessments: {
        create: (t.assessments ?? []).map((a) => ({
          id: newAssessmentId(),
          name: a.name,
          kind: a.kind ?? "FEEDBACK",
          value: a.value,
          valid: a.valid ?? true,
          sourceType: "HUMAN",
        })),
      },
    },
  });
}

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  otherExperimentId = (await makeExperiment()).id;
  runId = newRunId();
  await db().run.create({ data: { id: runId, experimentId, name: "eval", startTimeMs: 0n } });

  await seed({
    label: "prodError",
    timestampMs: 1000,
    executionTimeMs: 50,
    state: "ERROR",
    name: "Chat_Bot",
    tags: { env: "prod", "my-key": "x" },
    metadata: { "mlflow.trace.session": "s1", "mlflow.sourceRun": runId },
    spans: [
      {
        name: "retrieve",
        spanType: "RETRIEVER",
        inputs: '{"q":"weather in Paris"}',
        outputs: '["doc"]',
        attributes: '{"model":"gpt-4","temperature":0.7}',
      },
    ],
    assessments: [
      { name: "user_feedback", value: "false" },
      { name: "rating", value: "5" },
      { name: "answer", value: '"yes"' },
      { name: "expected_response", kind: "EXPECTATION", value: '"Paris"' },
    ],
  });
  await seed({
    label: "prodOk",
    timestampMs: 2000,
    executionTimeMs: null,
    name: "chatXbot",
    tags: { env: "prod" },
    metadata: { "mlflow.trace.session": "s2" },
    spans: [
      {
        name: "llm",
        spanType: "LLM",
        statusCode: "ERROR",
        inputs: '{"q":"hello"}',
        attributes: '{"model": "gpt-4-turbo", "temperature": 0.75}',
      },
    ],
    assessments: [
      { name: "user_feedback", value: "true" },
      { name: "rating", value: "5.0" },
    ],
  });
  await seed({
    label: "devOk",
    timestampMs: 3000,
    executionTimeMs: 10,
    name: "abc",
    tags: { env: "dev" },
    assessments: [{ name: "user_feedback", value: "false", valid: false }],
  });
  await seed({ label: "upper", timestampMs: 4000, executionTimeMs: 30, name: "ABC", tags: { env: "Production" } });
  await seed({ label: "other", timestampMs: 5000, tags: { env: "prod" }, state: "ERROR", experiment: "other" });
  await db().traceRunLink.create({ data: { traceId: ids.devOk, runId } });
});

async function search(filter: string, orderBy?: string[]): Promise<string[]> {
  const q = compileTraceSearch({
    provider: provider(),
    experimentIds: [experimentId],
    filter,
    orderBy,
    maxResults: 100,
  });
  const rows = await db().trace.findMany({
    where: q.where,
    orderBy: q.orderBy,
    skip: q.skip,
    take: q.take,
    select: { id: true },
  });
  const byId = Object.fromEntries(Object.entries(ids).map(([label, id]) => [id, label]));
  return rows.map((r) => byId[r.id]);
}
const sorted = async (filter: string) => (await search(filter)).sort();

describe(`trace search on ${provider()}`, () => {
  it("stays inside the experiment", async () => {
    expect(await sorted("")).toEqual(["devOk", "prodError", "prodOk", "upper"]);
  });

  it("combines tags and attributes with AND", async () => {
    expect(await sorted("tags.env = 'prod' AND attributes.status = 'ERROR'")).toEqual(["prodError"]);
    expect(await sorted("tags.env = 'prod'")).toEqual(["prodError", "prodOk"]);
    expect(await sorted("tags.env != 'prod'")).toEqual(["devOk", "upper"]);
    expect(await sorted("tags.`my-key` IS NOT NULL")).toEqual(["prodError"]);
    expect(await sorted("tags.`my-key` IS NULL")).toEqual(["devOk", "prodOk", "upper"]);
    expect(await sorted("status IN ('ERROR', 'IN_PROGRESS')")).toEqual(["prodError"]);
  });

  it("matches feedback by its JSON value, counting only valid assessments", async () => {
    expect(await sorted("feedback.user_feedback = false")).toEqual(["prodError"]);
    expect(await sorted("feedback.user_feedback = true")).toEqual(["prodOk"]);
    expect(await sorted("feedback.user_feedback != false")).toEqual(["prodOk"]);
    expect(await sorted("feedback.user_feedback IS NULL")).toEqual(["devOk", "upper"]);
    expect(await sorted("feedback.rating = 5")).toEqual(["prodError", "prodOk"]);
    expect(await sorted("feedback.answer = 'yes'")).toEqual(["prodError"]);
    expect(await sorted(`feedback.answer = '"yes"'`)).toEqual(["prodError"]);
    expect(await sorted("expectation.expected_response = 'Paris'")).toEqual(["prodError"]);
    expect(await sorted("feedback.expected_response IS NOT NULL")).toEqual([]);
  });

  it("matches metadata, run ids and numeric ranges", async () => {
    expect(await sorted("metadata.mlflow.trace.session = 's1'")).toEqual(["prodError"]);
    expect(await sorted(`run_id = '${runId}'`)).toEqual(["devOk", "prodError"]);
    expect(await sorted("timestamp_ms >= 2000 AND timestamp_ms < 4000")).toEqual(["devOk", "prodOk"]);
    expect(await sorted("execution_time_ms > 20")).toEqual(["prodError", "upper"]);
  });

  it("matches spans", async () => {
    expect(await sorted("text LIKE '%Paris%'")).toEqual(["prodError"]);
    expect(await sorted("span.type = 'LLM'")).toEqual(["prodOk"]);
    expect(await sorted("span.status = 'ERROR'")).toEqual(["prodOk"]);
    expect(await sorted("span.content LIKE '%weather%'")).toEqual(["prodError"]);
    expect(await sorted("span.attributes.model = 'gpt-4'")).toEqual(["prodError"]);
    expect(await sorted("span.attributes.model IN ('gpt-4', 'gpt-4-turbo')")).toEqual(["prodError", "prodOk"]);
    expect(await sorted("span.attributes.model != 'gpt-4'")).toEqual(["prodOk"]);
    expect(await sorted("span.attributes.temperature = 0.7")).toEqual(["prodError"]);
    expect(await sorted("span.attributes.temperature = '0.75'")).toEqual(["prodOk"]);
    expect(await sorted("span.attributes.model LIKE '%turbo%'")).toEqual(["prodOk"]);
  });

  it("gives LIKE its SQL meaning", async () => {
    expect(await sorted("name LIKE 'chat_bot'")).toEqual(
      provider() === "sqlite" ? ["prodError", "prodOk"] : ["prodOk"],
    );
    expect(await sorted("name ILIKE 'chat_bot'")).toEqual(["prodError", "prodOk"]);
    expect(await sorted("name LIKE '%a%b%'")).toEqual(
      provider() === "sqlite" ? ["devOk", "prodError", "prodOk", "upper"] : ["devOk", "prodOk"],
    );
    expect(await sorted("name LIKE 'abc'")).toEqual(["devOk"]);
    expect(await sorted("name ILIKE 'abc'")).toEqual(["devOk", "upper"]);
    expect(await sorted("name ILIKE 'ab'")).toEqual([]);
    // SQLite's LIKE ignores ASCII case; PostgreSQL's does not.
    expect(await sorted("tags.env LIKE 'prod%'")).toEqual(
      provider() === "sqlite" ? ["prodError", "prodOk", "upper"] : ["prodError", "prodOk"],
    );
    expect(await sorted("tags.env ILIKE 'PROD%'")).toEqual(["prodError", "prodOk", "upper"]);
  });

  it("orders with the tie-breakers and nulls last, and pages through", async () => {
    expect(await search("")).toEqual(["upper", "devOk", "prodOk", "prodError"]);
    expect(await search("", ["execution_time_ms ASC"])).toEqual(["devOk", "upper", "prodError", "prodOk"]);
    expect(await search("", ["execution_time_ms DESC"])).toEqual(["prodError", "upper", "devOk", "prodOk"]);

    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const q = compileTraceSearch({ provider: provider(), experimentIds: [experimentId], pageToken, maxResults: 2 });
      const rows = await db().trace.findMany({
        where: q.where,
        orderBy: q.orderBy,
        skip: q.skip,
        take: q.take,
        select: { id: true },
      });
      seen.push(...rows.map((r) => r.id));
      pageToken = nextPageToken(q.skip, q.take, rows.length);
    } while (pageToken);
    expect(seen).toEqual([ids.upper, ids.devOk, ids.prodOk, ids.prodError]);
  });
});
