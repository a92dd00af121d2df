import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./span-tree";

const s = (spanId: string, parentSpanId: string | null, startMs: number, endMs: number | null) => ({
  spanId,
  parentSpanId,
  startTimeNs: String(1_700_000_000_000_000_000n + BigInt(startMs) * 1_000_000n),
  endTimeNs: endMs == null ? null : String(1_700_000_000_000_000_000n + BigInt(endMs) * 1_000_000n),
});

describe("buildSpanTree", () => {
  it("orders depth-first by start time with depths and offsets", () => {
    const tree = buildSpanTree([
      s("c2", "root", 50, 90),
      s("root", null, 0, 100),
      s("c1", "root", 10, 40),
      s("g1", "c1", 12, 20),
    ]);
    expect(tree.rows.map((r) => [r.span.spanId, r.depth])).toEqual([
      ["root", 0],
      ["c1", 1],
      ["g1", 2],
      ["c2", 1],
    ]);
    expect(tree.totalMs).toBe(100);
    expect(tree.rows[2]).toMatchObject({ offsetMs: 12, durationMs: 8, hasChildren: false });
    expect(tree.rows[1]!.hasChildren).toBe(true);
  });

  it("hides descendants of collapsed spans and treats orphans as roots", () => {
    const spans = [
      s("root", null, 0, 100),
      s("c1", "root", 10, 40),
      s("g1", "c1", 12, 20),
      s("orphan", "missing", 5, null),
    ];
    expect(buildSpanTree(spans, new Set(["c1"])).rows.map((r) => r.span.spanId)).toEqual(["root", "c1", "orphan"]);
    expect(buildSpanTree(spans).rows.find((r) => r.span.spanId === "orphan")).toMatchObject({
      depth: 0,
      durationMs: null,
    });
  });

  it("handles 5,000-deep chains without recursion", () => {
    const spans = Array.from({ length: 5000 }, (_, i) => s(`s${i}`, i === 0 ? null : `s${i - 1}`, i, 10_000 - i));
    const tree = buildSpanTree(spans);
    expect(tree.rows).toHaveLength(5000);
    expect(tree.rows[4999]!.depth).toBe(4999);
  });
});
