import { describe, expect, it } from "vitest";
import { anyValueToJson, jsonToProtoJsonAnyValue, type PlainAnyValue } from "./any-value";

/** snake_case proto JSON (our output) -> the camelCase shape the decoder reads. */
function camel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camel);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), camel(x)]),
    );
  return v;
}

describe("AnyValue nulls", () => {
  it("encodes null as an AnyValue with no field set, not an empty string", () => {
    expect(jsonToProtoJsonAnyValue(null)).toEqual({});
    expect(jsonToProtoJsonAnyValue({ refusal: null })).toEqual({
      kvlist_value: { values: [{ key: "refusal", value: {} }] },
    });
  });

  it("round-trips nulls inside a chat completion message", () => {
    const message = {
      role: "assistant",
      content: "hi",
      tool_calls: null,
      refusal: null,
      logprobs: null,
      list: [1, null, "x"],
      nested: { a: null, b: 0, c: "" },
    };
    const decoded = anyValueToJson(camel(jsonToProtoJsonAnyValue(message)) as PlainAnyValue);
    expect(decoded).toEqual(message);
  });

  it("keeps the empty string an empty string", () => {
    expect(anyValueToJson(camel(jsonToProtoJsonAnyValue("")) as PlainAnyValue)).toBe("");
  });
});
