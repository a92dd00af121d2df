import { describe, expect, it } from "vitest";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment } from "../../test/db";
import { treeRows } from "./tree-rows";

describe("treeRows", () => {
  it("reads every span once in (start, span id) order, however small the pages, ties across page ends included", async () => {
    const exp = await makeExperiment();
    // 40 children, many starting at the same millisecond, so pages end inside runs of equal start times.
    const children = Array.from({ length: 40 }, (_, i) => ({
      name: `c${i}`,
      spanType: "TOOL",
      startMs: Math.floor(i / 6),
      durationMs: 1 + (i % 3),
      ...(i === 7 ? { status: "ERROR" as const } : {}),
    }));
    const traceId = await insertTrace(db(), {
      experimentId: exp.id,
      timestampMs: Date.now(),
      root: { name: "root", spanType: "AGENT", startMs: 0, durationMs: 50, children },
    });
    const whole = await treeRows(traceId, 10_000);
    expect(whole.rows).toHaveLength(41);
    const stored = await db().span.findMany({
      where: { traceId },
      orderBy: [{ startTimeNs: "asc" }, { spanId: "asc" }],
    });
    expect(whole.baseNs).toBe(stored[0]!.startTimeNs.toString());
    expect(whole.rows.map((r) => r.spanId)).toEqual(stored.map((s) => s.spanId));
    expect(whole.rows.map((r) => r.startOffsetNs)).toEqual(
      stored.map((s) => Number(s.startTimeNs - stored[0]!.startTimeNs)),
    );
    expect(whole.rows.find((r) => r.statusCode === "ERROR")).toBeDefined();
    for (const pageRows of [1, 6, 7, 41]) expect(await treeRows(traceId, pageRows)).toEqual(whole);
  });

  it("answers an empty tree for a trace without spans", async () => {
    expect(await treeRows("tr-no-such-trace")).toEqual({ baseNs: "0", rows: [] });
  });
});
