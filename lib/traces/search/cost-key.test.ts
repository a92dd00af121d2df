/** The `cost` key (trace.cost, attributes.cost_usd): decimal USD comparisons and ordering. */
import { describe, expect, it } from "vitest";
import { compileTraceFilter } from "@/lib/traces/search/compile-filter";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import { compileOrderBy, parseOrderBy } from "@/lib/traces/search/order-by";
import { parseTraceFilter } from "@/lib/traces/search/parser";

const compile = (filter: string) =>
  (compileTraceFilter(parseTraceFilter(filter), { provider: "sqlite", experimentIds: ["1"] }).AND as unknown[]).slice(
    1,
  );

describe("cost filter key", () => {
  it("compiles decimal comparisons on the stored cost", () => {
    expect(compile("trace.cost > 0.01")).toEqual([{ costUsd: { gt: 0.01 } }]);
    expect(compile("attributes.cost_usd <= 2 AND cost != 0")).toEqual([
      { costUsd: { lte: 2 } },
      { costUsd: { not: 0 } },
    ]);
    expect(compile("trace.cost >= '0.5'")).toEqual([{ costUsd: { gte: 0.5 } }]);
  });

  it("spells a wide range as a NOT, which SQLite cannot read as an index range (cost-range.ts)", () => {
    const wide = (filter: string) =>
      (
        compileTraceFilter(parseTraceFilter(filter), { provider: "sqlite", experimentIds: ["1"], wideCostRange: true })
          .AND as unknown[]
      ).slice(1);
    expect(wide("trace.cost > 0.01 AND trace.cost <= 2")).toEqual([
      { NOT: { costUsd: { lte: 0.01 } } },
      { NOT: { costUsd: { gt: 2 } } },
    ]);
    expect(wide("trace.cost >= 1 AND trace.cost < 3")).toEqual([
      { NOT: { costUsd: { lt: 1 } } },
      { NOT: { costUsd: { gte: 3 } } },
    ]);
    expect(wide("trace.cost = 1 AND trace.cost != 2")).toEqual([{ costUsd: { equals: 1 } }, { costUsd: { not: 2 } }]);
  });

  it("refuses values that are not numbers and pattern comparators", () => {
    expect(() => compile("trace.cost > 'cheap'")).toThrow(FilterSyntaxError);
    expect(() => compile("trace.cost LIKE '1%'")).toThrow(FilterSyntaxError);
  });

  it("orders by cost with traces without a cost last", () => {
    expect(compileOrderBy(parseOrderBy("cost DESC"))[0]).toEqual({ costUsd: { sort: "desc", nulls: "last" } });
  });
});
