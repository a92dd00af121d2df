import { describe, expect, it } from "vitest";
import { formatTick, timeAxisTicks } from "./timeline";

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
