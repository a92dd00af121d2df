import { describe, expect, it } from "vitest";
import { decodeSpanTree, encodeSpanTree as encodeOffsets, toOffsetRows, type TreeSpanRow } from "./tree-wire";

const encodeSpanTree = (rows: TreeSpanRow[]) => {
  const { baseNs, rows: offsets } = toOffsetRows(rows);
  return encodeOffsets(baseNs, offsets);
};

const T0 = 1_700_000_000_123_456_789n;
const row = (
  spanId: string,
  parentSpanId: string | null,
  startOff: bigint,
  dur: bigint | null,
  over: Partial<TreeSpanRow> = {},
): TreeSpanRow => ({
  spanId,
  parentSpanId,
  name: `n-${spanId}`,
  spanType: "TOOL",
  startTimeNs: T0 + startOff,
  endTimeNs: dur === null ? null : T0 + startOff + dur,
  statusCode: "OK",
  ...over,
});

describe("span tree wire", () => {
  it("round-trips ids, parents (orphans included), names, types, statuses and exact nanosecond times", () => {
    const rows = [
      row("a", null, 0n, 10_000_000_007n, { name: "root", spanType: "AGENT" }),
      row("b", "a", 1n, 5n),
      row("c", "a", 2n, null, { statusCode: "ERROR" }),
      row("d", "missing", 3n, 1n, { name: "root" }),
    ];
    const wire = encodeSpanTree(rows);
    expect(wire.names).toEqual(["root", "n-b", "n-c"]);
    expect(wire.parents).toEqual([-1, 0, 0, -1]);
    expect(decodeSpanTree(wire)).toEqual(
      rows.map((r) => ({
        spanId: r.spanId,
        parentSpanId: r.parentSpanId,
        name: r.name,
        spanType: r.spanType,
        startTimeNs: r.startTimeNs.toString(),
        endTimeNs: r.endTimeNs?.toString() ?? null,
        statusCode: r.statusCode,
      })),
    );
  });

  it("adds offsets to bases of any length exactly, carries included", () => {
    for (const base of [0n, 999_999_999n, 1_000_000_000n, 1_700_000_000_999_999_999n, 9_223_372_036_854_775_000n]) {
      const rows = [row("a", null, 0n, 1n), row("b", "a", 1n, 2_000_000_001n)].map((r) => ({
        ...r,
        startTimeNs: r.startTimeNs - T0 + base,
        endTimeNs: r.endTimeNs === null ? null : r.endTimeNs - T0 + base,
      }));
      const got = decodeSpanTree(encodeSpanTree(rows));
      expect(got.map((s) => [s.startTimeNs, s.endTimeNs])).toEqual(
        rows.map((r) => [r.startTimeNs.toString(), r.endTimeNs!.toString()]),
      );
    }
  });

  it("leaves orphan ids out when there are none, and handles an empty trace", () => {
    expect(encodeSpanTree([row("a", null, 0n, 1n)]).parentIds).toBeUndefined();
    expect(decodeSpanTree(encodeSpanTree([]))).toEqual([]);
  });
});
