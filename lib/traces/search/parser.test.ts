import { describe, expect, it } from "vitest";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { MAX_FILTER_CONDITIONS, MAX_IN_VALUES, parseTraceFilter } from "@/lib/traces/search/parser";

const one = (filter: string) => {
  const { conditions } = parseTraceFilter(filter);
  expect(conditions).toHaveLength(1);
  return conditions[0];
};

function errorOf(filter: string): FilterSyntaxError {
  try {
    parseTraceFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterSyntaxError);
    return error as FilterSyntaxError;
  }
  throw new Error(`expected '${filter}' to fail`);
}

describe("parseTraceFilter", () => {
  it(`accepts ${MAX_FILTER_CONDITIONS} AND terms and refuses more (5,000 terms is a 400, not a database error)`, () => {
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `tags.k${i} = 'v'`).join(" AND ");
    expect(parseTraceFilter(terms(MAX_FILTER_CONDITIONS)).conditions).toHaveLength(MAX_FILTER_CONDITIONS);
    const e = errorOf(terms(5000));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/a filter has at most 100 conditions joined by AND/);
    const list = (n: number) => `attributes.status IN (${Array.from({ length: n }, () => "'OK'").join(", ")})`;
    expect(parseTraceFilter(list(MAX_IN_VALUES)).conditions).toHaveLength(1);
    expect(errorOf(list(MAX_IN_VALUES + 1)).message).toMatch(/at most 1000 values/);
  });

  it("treats an empty or blank filter as no conditions", () => {
    expect(parseTraceFilter("")).toEqual({ conditions: [], terms: [] });
    expect(parseTraceFilter("   \n ")).toEqual({ conditions: [], terms: [] });
    expect(parseTraceFilter(undefined)).toEqual({ conditions: [], terms: [] });
    expect(parseTraceFilter(null)).toEqual({ conditions: [], terms: [] });
  });

  it("parses clauses joined by AND in any case", () => {
    const { conditions } = parseTraceFilter(
      "tags.env = 'prod' and attributes.status = 'ERROR' AnD feedback.user_feedback = false",
    );
    expect(conditions).toEqual([
      {
        key: { entity: "tag", key: "env" },
        keyText: "tags.env",
        position: 0,
        comparator: "=",
        value: { type: "string", value: "prod" },
      },
      {
        key: { entity: "attribute", name: "status" },
        keyText: "attributes.status",
        position: 22,
        comparator: "=",
        value: { type: "string", value: "ERROR" },
      },
      {
        key: { entity: "feedback", name: "user_feedback" },
        keyText: "feedback.user_feedback",
        position: 54,
        comparator: "=",
        value: { type: "boolean", value: false },
      },
    ]);
  });

  it("resolves entity prefixes and their aliases", () => {
    expect(one("tag.a = 'x'").key).toEqual({ entity: "tag", key: "a" });
    expect(one("metadata.a = 'x'").key).toEqual({ entity: "metadata", key: "a" });
    expect(one("request_metadata.a = 'x'").key).toEqual({ entity: "metadata", key: "a" });
    expect(one("attribute.name = 'x'").key).toEqual({ entity: "attribute", name: "name" });
    expect(one("trace.name = 'x'").key).toEqual({ entity: "attribute", name: "name" });
    expect(one("expectation.expected_facts = 'x'").key).toEqual({ entity: "expectation", name: "expected_facts" });
  });

  it.each([
    ["timestamp_ms", "timestamp_ms"],
    ["timestamp", "timestamp_ms"],
    ["execution_time_ms", "execution_time_ms"],
    ["execution_time", "execution_time_ms"],
    ["end_time_ms", "end_time_ms"],
    ["end_time", "end_time_ms"],
  ])("resolves the numeric attribute %s", (written, name) => {
    expect(one(`${written} > 5`).key).toEqual({ entity: "attribute", name });
    expect(one(`attributes.${written} > 5`).key).toEqual({ entity: "attribute", name });
  });

  it.each([
    ["status", "status"],
    ["state", "status"],
    ["request_id", "request_id"],
    ["trace_id", "request_id"],
    ["client_request_id", "client_request_id"],
    ["name", "name"],
    ["run_id", "run_id"],
  ])("resolves the bare attribute %s", (written, name) => {
    expect(one(`${written} = 'x'`).key).toEqual({ entity: "attribute", name });
  });

  it("reads keys with dots and backticked or double-quoted parts", () => {
    expect(one("metadata.mlflow.trace.session = 's1'").key).toEqual({
      entity: "metadata",
      key: "mlflow.trace.session",
    });
    expect(one("tags.`my-key` = 'x'").key).toEqual({ entity: "tag", key: "my-key" });
    expect(one("tags.\"my key\" = 'x'").key).toEqual({ entity: "tag", key: "my key" });
    expect(one("metadata.`mlflow.trace.session` = 's1'").key).toEqual({
      entity: "metadata",
      key: "mlflow.trace.session",
    });
    expect(one("tags.`my-key` = 'x'").keyText).toBe("tags.`my-key`");
  });

  it("reads span keys", () => {
    expect(one("span.name = 'x'").key).toEqual({ entity: "span", field: "name" });
    expect(one("span.type IN ('LLM', 'TOOL')").key).toEqual({ entity: "span", field: "type" });
    expect(one("span.status = 'ERROR'").key).toEqual({ entity: "span", field: "status" });
    expect(one("span.content LIKE '%x%'").key).toEqual({ entity: "span", field: "content" });
    expect(one("span.attributes.mlflow.spanType = 'LLM'").key).toEqual({
      entity: "span",
      field: "attributes",
      key: "mlflow.spanType",
    });
    expect(one("span.attributes.`model-name` = 'x'").key).toEqual({
      entity: "span",
      field: "attributes",
      key: "model-name",
    });
  });

  it("reads strings with either quote and their escapes", () => {
    const value = (filter: string) => {
      const c = one(filter);
      return "value" in c ? c.value : undefined;
    };
    expect(value(`tags.a = "prod"`)).toEqual({ type: "string", value: "prod" });
    expect(value(`tags.a = 'it''s'`)).toEqual({ type: "string", value: "it's" });
    expect(value(`tags.a = 'it\\'s'`)).toEqual({ type: "string", value: "it's" });
    expect(value(`tags.a = "say \\"hi\\""`)).toEqual({ type: "string", value: 'say "hi"' });
    expect(value(`tags.a = 'a\\\\b'`)).toEqual({ type: "string", value: "a\\b" });
    // Other backslashes stay, so LIKE and JSON escapes reach the database.
    expect(value(`tags.a LIKE '100\\%'`)).toEqual({ type: "string", value: "100\\%" });
    expect(value(`feedback.x = '"yes"'`)).toEqual({ type: "string", value: '"yes"' });
    expect(value(`tags.a = 'AND = ('`)).toEqual({ type: "string", value: "AND = (" });
  });

  it("reads numbers and booleans", () => {
    expect(one("feedback.rating = 5")).toMatchObject({ value: { type: "number", value: 5, text: "5" } });
    expect(one("feedback.rating = -1.50")).toMatchObject({ value: { type: "number", value: -1.5, text: "-1.50" } });
    expect(one("feedback.ok = TRUE")).toMatchObject({ value: { type: "boolean", value: true } });
    expect(one("timestamp_ms >= '1700000000000'")).toMatchObject({ value: { type: "number", value: 1700000000000 } });
  });

  it("reads every comparator", () => {
    expect(one("timestamp_ms <> 1").comparator).toBe("!=");
    for (const op of ["=", "!=", ">", ">=", "<", "<="]) expect(one(`execution_time_ms ${op} 10`).comparator).toBe(op);
    expect(one("status like 'O%'").comparator).toBe("LIKE");
    expect(one("status ILIKE 'o%'").comparator).toBe("ILIKE");
    expect(one("status RLIKE '^O'").comparator).toBe("RLIKE");
    expect(one("status in ('OK','ERROR')")).toMatchObject({
      comparator: "IN",
      values: [{ value: "OK" }, { value: "ERROR" }],
    });
    expect(one("status NOT IN ('OK')")).toMatchObject({ comparator: "NOT IN", values: [{ value: "OK" }] });
    expect(one("tags.a IS NULL")).toEqual({
      key: { entity: "tag", key: "a" },
      keyText: "tags.a",
      position: 0,
      comparator: "IS NULL",
    });
    expect(one("tags.a is not null").comparator).toBe("IS NOT NULL");
  });

  it("needs no spaces around comparators", () => {
    expect(one("tags.env='prod'")).toMatchObject({ comparator: "=", value: { value: "prod" } });
    expect(one("timestamp_ms>=5")).toMatchObject({ comparator: ">=", value: { value: 5 } });
  });
});

describe("parseTraceFilter errors", () => {
  it.each([
    ["tags.env = 'prod' AND tags.env 'x'", 31, "expected a comparator after 'tags.env'"],
    ["tags.env", 8, "expected a comparator after 'tags.env'"],
    ["tags.env = ", 11, "expected a value after ="],
    ["status = OK", 9, "quote text values: 'OK'"],
    ["tags.env = 'prod", 11, "unterminated string"],
    ["tags.env = 'a' OR tags.env = 'b'", 15, "OR is not supported"],
    ["tags.env = 'a' tags.x = 'b'", 15, "expected AND or the end of the filter"],
    ["tags.env = 'a' AND", 18, "expected a key"],
    ["foo = 'a'", 0, "unknown key 'foo'"],
    ["foo.bar = 'a'", 0, "unknown key prefix 'foo.'"],
    ["attributes.foo = 1", 0, "unknown attribute 'foo'"],
    ["tags = 'a'", 0, "expected a key after 'tags.'"],
    ["tags. = 'a'", 5, "expected a key name after 'tags.'"],
    ["span.foo = 'a'", 0, "unknown span key"],
    ["tags.env > 'a'", 9, "comparator '>' is not supported for 'tags.env'"],
    ["timestamp_ms LIKE '1%'", 13, "comparator 'LIKE' is not supported for 'timestamp_ms'"],
    ["text = 'hello'", 5, "comparator '=' is not supported for 'text'"],
    ["run_id != 'r'", 7, "comparator '!=' is not supported for 'run_id'"],
    ["tags.a IN ('x')", 7, "comparator 'IN' is not supported for 'tags.a'"],
    ["status IS NULL", 7, "comparator 'IS NULL' is not supported"],
    ["timestamp_ms > 'soon'", 15, "expected an integer number of milliseconds for 'timestamp_ms'"],
    ["timestamp_ms > 1.5", 15, "expected an integer"],
    ["status LIKE 5", 12, "expected a quoted pattern after LIKE"],
    ["status IN 'OK'", 10, "expected a parenthesised list after IN"],
    ["status IN ('OK' 'ERROR')", 16, "expected ',' or ')'"],
    ["status IN ()", 11, "expected a value after IN ("],
    ["status NOT LIKE 'x'", 11, "expected IN after NOT"],
    ["tags.a IS 'x'", 10, "expected NULL or NOT NULL after IS"],
    ["tags.a ! 'x'", 7, "did you mean '!='"],
    ["tags.a = 'x' ; drop", 13, "unexpected character ';'"],
    ["tags.`a = 'x'", 5, "unterminated backtick key"],
    ["issue.id = 'x'", 0, "issue filters are not supported"],
  ])("%s → position %i", (filter, position, message) => {
    const error = errorOf(filter);
    expect(error.position).toBe(position);
    expect(error.status).toBe(400);
    expect(error.code).toBe("INVALID_PARAMETER_VALUE");
    expect(error.message).toContain(`Invalid filter at position ${position}: `);
    expect(error.message).toContain(message);
  });

  it("names the position and the expectation in the message", () => {
    expect(errorOf("tags.env = 'prod' AND tags.env 'x'").message).toBe(
      "Invalid filter at position 31: expected a comparator after 'tags.env' (=, !=, >, >=, <, <=, LIKE, ILIKE, RLIKE, IN, NOT IN, IS NULL, IS NOT NULL), found a quoted string",
    );
  });
});
