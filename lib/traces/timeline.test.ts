import { describe, expect, it } from "vitest";
import { criticalPath, formatTick, timeAxisTicks } from "./timeline";

const ms = (n: number) => String(BigInt(Math.round(n * 1_000_000)) + 1_700_000_000_000_000_000n);
const span = (spanId: string, parentSpanId: string | null, start: number, end: number | null) => ({
  spanId,
  parentSpanId,
  startTimeNs: ms(start),
  endTimeNs: end == null ? null : ms(end),
});

describe("timeAxisTicks", () => {
  it("places nice ticks from 0 to the end, in ms below a second and s above", () => {
    expect(timeAxisTicks(1000).map((t) => t.label)).toEqual(["0 s", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1 s"]);
    expect(timeAxisTicks(450).map((t) => t.label)).toEqual(["0 ms", "100 ms", "200 ms", "300 ms", "400 ms"]);
    const long = timeAxisTicks(12_345);
    expect(long.map((t) => t.label)).toEqual(["0 s", "5 s", "10 s"]);
    expect(long[1]!.percent).toBeCloseTo((5000 / 12_345) * 100, 9);
    expect(timeAxisTicks(0.7).map((t) => t.label)).toEqual(["0 ms", "0.2 ms", "0.4 ms", "0.6 ms"]);
    expect(timeAxisTicks(0)).toHaveLength(1);
  });

  it("formats tick labels", () => {
    expect(formatTick(1500, 3000)).toBe("1.5 s");
    expect(formatTick(0.25, 1)).toBe("0.25 ms");
  });
});

describe("criticalPath", () => {
  it("follows, from the root, the child that ends last", () => {
    const spans = [
      span("root", null, 0, 100),
      span("a", "root", 0, 40),
      span("b", "root", 10, 95),
      span("b1", "b", 10, 50),
      span("b2", "b", 50, 90),
      span("b2x", "b2", 60, 70),
      span("c", "root", 20, 60),
    ];
    expect(criticalPath(spans)).toEqual(["root", "b", "b2", "b2x"]);
  });

  it("treats orphans as roots, unfinished spans as ending at their start, and copes with cycles", () => {
    expect(criticalPath([span("r", null, 0, 10), span("orphan", "missing", 5, 50)])).toEqual(["orphan"]);
    expect(criticalPath([span("r", null, 0, 100), span("open", "r", 90, null), span("done", "r", 0, 80)])).toEqual([
      "r",
      "open",
    ]);
    expect(criticalPath([span("x", "y", 0, 10), span("y", "x", 0, 20)])).toEqual(["y", "x"]);
    expect(criticalPath([])).toEqual([]);
  });
});
