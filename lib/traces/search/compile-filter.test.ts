import { describe, expect, it } from "vitest";
import type { DbProvider } from "@/lib/db/config";
import { compileTraceFilter } from "@/lib/traces/search/compile-filter";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { parseTraceFilter } from "@/lib/traces/search/parser";

const SCOPE = { experimentId: { in: ["1"] } };

/** The compiled conditions without the experiment scope. */
function compile(filter: string, provider: DbProvider = "sqlite") {
  const where = compileTraceFilter(parseTraceFilter(filter), { provider, experimentIds: ["1"] });
  const and = where.AND as unknown[];
  expect(and[0]).toEqual(SCOPE);
  return and.slice(1);
}
const one = (filter: string, provider: DbProvider = "sqlite") => compile(filter, provider)[0];

describe("compileTraceFilter", () => {
  it("always scopes to the experiments", () => {
    expect(
      compileTraceFilter({ conditions: [], terms: [] }, { provider: "sqlite", experimentIds: ["1", "2"] }),
    ).toEqual({
      AND: [{ experimentId: { in: ["1", "2"] } }],
    });
  });

  it("compiles tags.env = 'prod' AND attributes.status = 'ERROR'", () => {
    expect(compile("tags.env = 'prod' AND attributes.status = 'ERROR'")).toEqual([
      { tags: { some: { key: "env", value: { equals: "prod" } } } },
      { state: { equals: "ERROR" } },
    ]);
  });

  it("compiles feedback.user_feedback = false to the JSON text false on a valid feedback", () => {
    expect(one("feedback.user_feedback = false")).toEqual({
      assessments: { some: { kind: "FEEDBACK", name: "user_feedback", valid: true, value: { equals: "false" } } },
    });
  });

  it("compiles feedback values in every JSON spelling", () => {
    const value = (filter: string) =>
      (one(filter) as { assessments: { some: { value: unknown } } }).assessments.some.value;
    expect(value("feedback.rating = 5")).toEqual({ in: ["5", "5.0"] });
    expect(value("feedback.answer = 'yes'")).toEqual({ equals: '"yes"' });
    expect(value(`feedback.answer = '"yes"'`)).toEqual({ equals: '"yes"' });
    expect(value("feedback.answer != 'yes'")).toEqual({ notIn: ['"yes"'] });
    expect(value("feedback.answer LIKE '%ye%'")).toEqual({ contains: "ye" });
  });

  it("compiles expectations and assessment presence", () => {
    expect(one("expectation.expected_response = 'Paris'")).toEqual({
      assessments: {
        some: { kind: "EXPECTATION", name: "expected_response", valid: true, value: { equals: '"Paris"' } },
      },
    });
    expect(one("feedback.correctness IS NULL")).toEqual({
      assessments: { none: { kind: "FEEDBACK", name: "correctness", valid: true } },
    });
    expect(one("feedback.correctness IS NOT NULL")).toEqual({
      assessments: { some: { kind: "FEEDBACK", name: "correctness", valid: true } },
    });
  });

  it("compiles tag and metadata comparators", () => {
    expect(one("tags.env != 'prod'")).toEqual({ tags: { some: { key: "env", value: { not: "prod" } } } });
    expect(one("tags.env LIKE 'pro%'")).toEqual({ tags: { some: { key: "env", value: { startsWith: "pro" } } } });
    expect(one("tags.env IS NULL")).toEqual({ tags: { none: { key: "env" } } });
    expect(one("tags.env IS NOT NULL")).toEqual({ tags: { some: { key: "env" } } });
    expect(one("metadata.mlflow.trace.session = 's1'")).toEqual({
      metadata: { some: { key: "mlflow.trace.session", value: { equals: "s1" } } },
    });
    expect(one("metadata.`mlflow.user` ILIKE '%ann%'", "postgresql")).toEqual({
      metadata: { some: { key: "mlflow.user", value: { contains: "ann", mode: "insensitive" } } },
    });
    expect(one("metadata.u IS NULL")).toEqual({ metadata: { none: { key: "u" } } });
  });

  it("compiles numeric attributes to BigInt comparisons", () => {
    expect(compile("timestamp_ms > 1000 AND timestamp_ms <= 2000 AND execution_time_ms != 5")).toEqual([
      { timestampMs: { gt: 1000n } },
      { timestampMs: { lte: 2000n } },
      { executionTimeMs: { not: 5n } },
    ]);
    expect(one("timestamp >= 1")).toEqual({ timestampMs: { gte: 1n } });
    expect(one("execution_time < 1")).toEqual({ executionTimeMs: { lt: 1n } });
    expect(one("timestamp_ms = 7")).toEqual({ timestampMs: { equals: 7n } });
  });

  it("compiles string attributes", () => {
    expect(one("status IN ('OK', 'ERROR')")).toEqual({ state: { in: ["OK", "ERROR"] } });
    expect(one("state NOT IN ('OK')")).toEqual({ state: { notIn: ["OK"] } });
    expect(one("request_id = 'tr-1'")).toEqual({ id: { equals: "tr-1" } });
    expect(one("trace_id != 'tr-1'")).toEqual({ id: { not: "tr-1" } });
    expect(one("client_request_id = 'c1'")).toEqual({ clientRequestId: { equals: "c1" } });
    expect(one("name LIKE '%chat%'")).toEqual({ name: { contains: "chat" } });
    expect(one("name ILIKE 'Chat'", "postgresql")).toEqual({
      AND: [{ name: { startsWith: "Chat", mode: "insensitive" } }, { NOT: { name: { startsWith: "_____" } } }],
    });
  });

  it("compiles run_id to the source-run metadata or a run link", () => {
    expect(one("run_id = 'r1'")).toEqual({
      OR: [
        { metadata: { some: { key: "mlflow.sourceRun", value: { equals: "r1" } } } },
        { runLinks: { some: { runId: { equals: "r1" } } } },
      ],
    });
    expect(one("run_id IN ('r1', 'r2')")).toEqual({
      OR: [
        { metadata: { some: { key: "mlflow.sourceRun", value: { in: ["r1", "r2"] } } } },
        { runLinks: { some: { runId: { in: ["r1", "r2"] } } } },
      ],
    });
  });

  it("compiles text to a search over span inputs and outputs", () => {
    expect(one("text LIKE '%weather%'")).toEqual({
      spans: { some: { OR: [{ inputs: { contains: "weather" } }, { outputs: { contains: "weather" } }] } },
    });
    expect(one("text ILIKE '%Weather%'", "postgresql")).toEqual({
      spans: {
        some: {
          OR: [
            { inputs: { contains: "Weather", mode: "insensitive" } },
            { outputs: { contains: "Weather", mode: "insensitive" } },
          ],
        },
      },
    });
  });

  it("compiles span columns", () => {
    expect(one("span.name = 'retrieve'")).toEqual({ spans: { some: { name: { equals: "retrieve" } } } });
    expect(one("span.type IN ('LLM', 'TOOL')")).toEqual({ spans: { some: { spanType: { in: ["LLM", "TOOL"] } } } });
    expect(one("span.status != 'OK'")).toEqual({ spans: { some: { statusCode: { not: "OK" } } } });
    expect(one("span.name LIKE '%ret%'")).toEqual({ spans: { some: { name: { contains: "ret" } } } });
  });

  it("compiles span.content to a match on any stored part of the span", () => {
    expect(one("span.content LIKE '%secret%'")).toEqual({
      spans: {
        some: {
          OR: ["name", "inputs", "outputs", "attributes", "events", "statusMessage"].map((c) => ({
            [c]: { contains: "secret" },
          })),
        },
      },
    });
  });

  it("compiles span attributes to substring matches on the attributes JSON", () => {
    expect(one("span.attributes.model = 'gpt-4'")).toEqual({
      spans: {
        some: {
          OR: [{ attributes: { contains: '"model":"gpt-4"' } }, { attributes: { contains: '"model": "gpt-4"' } }],
        },
      },
    });
    expect(one("span.attributes.model_name != 'gpt-4'", "postgresql")).toEqual({
      spans: {
        some: {
          NOT: {
            OR: [
              { attributes: { contains: '"model\\_name":"gpt-4"' } },
              { attributes: { contains: '"model\\_name": "gpt-4"' } },
            ],
          },
        },
      },
    });
    expect(one("span.attributes.model LIKE '%gpt%'")).toEqual({
      spans: { some: { attributes: { contains: '"model":%gpt' } } },
    });
  });

  it("compiles each span condition to its own span (as separate clauses)", () => {
    expect(compile("span.type = 'LLM' AND span.name = 'x'")).toEqual([
      { spans: { some: { spanType: { equals: "LLM" } } } },
      { spans: { some: { name: { equals: "x" } } } },
    ]);
  });
});

describe("compileTraceFilter errors", () => {
  const errorOf = (filter: string, provider: DbProvider = "sqlite") => {
    try {
      compile(filter, provider);
    } catch (error) {
      expect(error).toBeInstanceOf(FilterSyntaxError);
      return error as FilterSyntaxError;
    }
    throw new Error("expected an error");
  };

  it("rejects RLIKE with a clear 400", () => {
    const error = errorOf("tags.env = 'x' AND status RLIKE '^OK$'");
    expect(error.status).toBe(400);
    expect(error.position).toBe(19);
    expect(error.message).toBe(
      "Invalid filter at position 19: RLIKE is not supported (on 'status'): the database layer has no portable regular-expression filter; use LIKE or ILIKE",
    );
    expect(errorOf("span.attributes.model RLIKE 'gpt'", "postgresql").message).toContain("RLIKE is not supported");
  });

  it("rejects end_time_ms, which is not stored", () => {
    expect(errorOf("end_time_ms > 5").message).toContain("end_time_ms filters are not supported");
  });

  it("rejects LIKE patterns with '%' only in the middle", () => {
    expect(errorOf("tags.env LIKE 'p%d'").message).toContain("has '%' only in the middle");
  });
});
