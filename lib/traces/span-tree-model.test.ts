import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./span-tree";
import { criticalPath, hasChildren, layoutTree, rowTiming, SpanTreeModel } from "./span-tree-model";
import { decodeSpanTree, encodeSpanTree, type TreeOffsetRow } from "./tree-wire";

/** A span starting `startMs` after the trace's first, ending at `endMs` (null: not ended). */
const span = (spanId: string, parentSpanId: string | null, startMs: number, endMs: number | null): TreeOffsetRow => ({
  spanId,
  parentSpanId,
  name: `n-${spanId}`,
  spanType: "CHAIN",
  startOffsetNs: startMs * 1_000_000,
  durationNs: endMs === null ? null : (endMs - startMs) * 1_000_000,
  statusCode: spanId.startsWith("err") ? "ERROR" : "OK",
});

/** As the server sends them: in start order, then by span id. */
const model = (rows: TreeOffsetRow[]) =>
  new SpanTreeModel(
    encodeSpanTree(
      "1700000000000000000",
      [...rows].sort((a, b) => a.startOffsetNs - b.startOffsetNs || (a.spanId < b.spanId ? -1 : 1)),
    ),
  );

const ids = (m: SpanTreeModel, indexes: ArrayLike<number>) => Array.from(indexes, (i) => m.spanId(i));

describe("SpanTreeModel", () => {
  it("lays out depth-first rows by start time, with depths, offsets and the root", () => {
    const m = model([
      span("c2", "root", 50, 90),
      span("root", null, 0, 100),
      span("c1", "root", 10, 40),
      span("g1", "c1", 12, 20),
    ]);
    const tree = layoutTree(m);
    expect(ids(m, tree.order)).toEqual(["root", "c1", "g1", "c2"]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 2, 1]);
    expect(tree.totalMs).toBe(100);
    const g1 = m.indexOf("g1");
    expect(rowTiming(m, g1)).toEqual({ offsetMs: 12, durationMs: 8 });
    expect([hasChildren(m, g1), hasChildren(m, m.indexOf("c1"))]).toEqual([false, true]);
    expect(m.spanId(m.root)).toBe("root");
    expect(m.summary(g1)).toMatchObject({
      spanId: "g1",
      parentSpanId: "c1",
      name: "n-g1",
      startTimeNs: "1700000000012000000",
    });
    expect(m.indexOf("missing")).toBe(-1);
  });

  it("hides descendants of collapsed spans, treats orphans and spans on a parent cycle as roots", () => {
    const m = model([
      span("root", null, 0, 100),
      span("c1", "root", 10, 40),
      span("g1", "c1", 12, 20),
      span("orphan", "missing", 5, null),
      span("x", "y", 60, 70),
      span("y", "x", 61, 80),
    ]);
    expect(ids(m, layoutTree(m, new Set(["c1"])).order)).toEqual(["root", "c1", "orphan", "x", "y"]);
    expect(ids(m, layoutTree(m).order)).toEqual(["root", "c1", "g1", "orphan", "x", "y"]);
    expect(rowTiming(m, m.indexOf("orphan"))).toEqual({ offsetMs: 5, durationMs: null });
    expect(m.summary(m.indexOf("orphan")).parentSpanId).toBe("missing");
  });

  it("lays out the same rows as buildSpanTree over the decoded spans (random trees)", () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 20; round++) {
      const rows: TreeOffsetRow[] = [];
      for (let i = 0; i < 300; i++) {
        const parent = i === 0 ? null : rand(5) === 0 ? "elsewhere" : `s${rand(i)}`;
        const start = rand(1000);
        rows.push(span(`s${i}`, parent, start, rand(4) === 0 ? null : start + rand(500)));
      }
      const m = model(rows);
      const collapsed = new Set([`s${rand(300)}`, `s${rand(300)}`]);
      const expected = buildSpanTree(decodeSpanTree(m.wire), collapsed);
      const got = layoutTree(m, collapsed);
      expect(ids(m, got.order)).toEqual(expected.rows.map((r) => r.span.spanId));
      expect(Array.from(got.depth)).toEqual(expected.rows.map((r) => r.depth));
      expect(Array.from(got.order, (i) => rowTiming(m, i))).toEqual(
        expected.rows.map((r) => ({ offsetMs: r.offsetMs, durationMs: r.durationMs })),
      );
      expect(Array.from(got.order, (i) => hasChildren(m, i))).toEqual(expected.rows.map((r) => r.hasChildren));
      expect(got.totalMs).toBe(expected.totalMs);
    }
  });

  it("handles 50,000-deep chains without recursion", () => {
    const m = model(
      Array.from({ length: 50_000 }, (_, i) => span(`s${i}`, i === 0 ? null : `s${i - 1}`, i, 100_000 - i)),
    );
    const tree = layoutTree(m);
    expect(tree.order).toHaveLength(50_000);
    expect(tree.depth[49_999]).toBe(49_999);
    expect(criticalPath(m)).toHaveLength(50_000);
  });

  it("finds an id after many lookups the same way (the index it builds)", () => {
    const m = model(Array.from({ length: 100 }, (_, i) => span(`s${i}`, null, i, i + 1)));
    for (let round = 0; round < 2; round++) for (let i = 0; i < 100; i++) expect(m.indexOf(`s${i}`)).toBe(i);
    expect(m.indexOf("nope")).toBe(-1);
  });
});

describe("criticalPath", () => {
  it("follows, from the root, the child that ends last", () => {
    const m = model([
      span("root", null, 0, 100),
      span("a", "root", 0, 40),
      span("b", "root", 10, 95),
      span("b1", "b", 10, 50),
      span("b2", "b", 50, 90),
      span("b2x", "b2", 60, 70),
      span("c", "root", 20, 60),
    ]);
    expect(ids(m, criticalPath(m))).toEqual(["root", "b", "b2", "b2x"]);
  });

  it("treats orphans as roots and unfinished spans as ending at their start; ties go to the later start", () => {
    const orphan = model([span("r", null, 0, 10), span("orphan", "missing", 5, 50)]);
    expect(ids(orphan, criticalPath(orphan))).toEqual(["orphan"]);
    const open = model([span("r", null, 0, 100), span("open", "r", 90, null), span("done", "r", 0, 80)]);
    expect(ids(open, criticalPath(open))).toEqual(["r", "open"]);
    const tie = model([span("r", null, 0, 100), span("early", "r", 10, 100), span("late", "r", 50, 100)]);
    expect(ids(tie, criticalPath(tie))).toEqual(["r", "late"]);
    const cycle = model([span("x", "y", 0, 10), span("y", "x", 0, 20)]);
    expect(ids(cycle, criticalPath(cycle))).toEqual(["y"]);
    expect(criticalPath(model([]))).toEqual([]);
  });
});
