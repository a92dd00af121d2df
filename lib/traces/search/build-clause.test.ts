import { describe, expect, it } from "vitest";
import { appendClause, buildClause } from "@/lib/traces/search/build-clause";
import { parseTraceFilter } from "@/lib/traces/search/parser";

describe("buildClause", () => {
  it("spells clauses as typed", () => {
    expect(buildClause({ field: "text", value: "GPU" })).toBe("GPU");
    expect(buildClause({ field: "text", value: "refund policy" })).toBe('"refund policy"');
    expect(buildClause({ field: "text", value: "and" })).toBe('"and"');
    expect(buildClause({ field: "tag", key: "env", comparator: "=", value: "prod" })).toBe("tags.env = 'prod'");
    expect(buildClause({ field: "metadata", key: "my key", comparator: "!=", value: "it's" })).toBe(
      "metadata.`my key` != 'it\\'s'",
    );
    expect(buildClause({ field: "feedback", key: "score", comparator: ">", value: "0.5" })).toBe(
      "feedback.score > 0.5",
    );
    expect(buildClause({ field: "feedback", key: "ok", comparator: "=", value: "false" })).toBe("feedback.ok = false");
    expect(buildClause({ field: "span.model", comparator: "=", value: "gpt-4o" })).toBe("span.model = 'gpt-4o'");
    expect(appendClause("GPU", "tags.env = 'prod'")).toBe("GPU AND tags.env = 'prod'");
    expect(appendClause("  ", "GPU")).toBe("GPU");
  });

  it("reads back as the clause it was built from", () => {
    const f = parseTraceFilter(
      appendClause(
        buildClause({ field: "text", value: "status = OK" }),
        buildClause({ field: "metadata", key: "a-b", comparator: "=", value: "x\\'y" }),
      ),
    );
    expect(f.terms).toEqual([{ text: "status = OK", position: 0 }]);
    expect(f.conditions[0]).toMatchObject({ key: { entity: "metadata", key: "a-b" }, value: { value: "x\\'y" } });
  });
});
