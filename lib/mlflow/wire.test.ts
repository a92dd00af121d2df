import { describe, expect, it } from "vitest";
import { assessmentFromWire, durationString, parseDuration, parseTimestamp } from "./wire";

describe("MLflow wire conversions", () => {
  it("round-trips durations and reads RFC 3339 timestamps", () => {
    expect(durationString(115)).toBe("0.115s");
    expect(durationString(20)).toBe("0.02s");
    expect(durationString(2000)).toBe("2s");
    expect(parseDuration("0.115s", "d")).toBe(115);
    expect(parseTimestamp("2026-11-23T21:22:12.404Z", "t")).toBe(Date.parse("2026-11-23T21:22:12.404Z"));
    expect(() => parseTimestamp("yesterday", "trace_info.request_time")).toThrow(/trace_info.request_time/);
  });

  it("reads feedback and expectations (plain and serialized) as clients send them", () => {
    expect(
      assessmentFromWire({
        assessment_name: "user_feedback",
        source: { source_type: "HUMAN", source_id: "u1" },
        feedback: { value: false },
        rationale: "no",
      }),
    ).toMatchObject({
      name: "user_feedback",
      kind: "FEEDBACK",
      value: false,
      rationale: "no",
      source: { sourceType: "HUMAN", sourceId: "u1" },
    });
    expect(
      assessmentFromWire({
        assessment_name: "facts",
        expectation: { serialized_value: { serialization_format: "JSON_FORMAT", value: '["a","b"]' } },
      }),
    ).toMatchObject({ kind: "EXPECTATION", value: ["a", "b"] });
    expect(
      assessmentFromWire({ assessment_name: "j", source: { source_type: "AI_JUDGE" }, feedback: { value: "yes" } })
        .source,
    ).toEqual({ sourceType: "LLM_JUDGE", sourceId: "default" });
    expect(() => assessmentFromWire({ assessment_name: "x" })).toThrow(/feedback or an expectation/);
  });
});
