import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db, makeExperiment } from "@/test/db";

// Nothing acknowledged is ever lost: a writer process is killed with SIGKILL in the middle of
// ingesting, and every trace it had acknowledged (its ingestSpans resolved, which is when the
// server answers the request) must be stored whole.
describe("group commit under kill -9", () => {
  it("keeps every acknowledged span after the writer process is killed", async () => {
    const exp = await makeExperiment();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", path.join(__dirname, "child.ts"), exp.id],
      { cwd: path.resolve(__dirname, "../../../.."), env: process.env, stdio: ["ignore", "pipe", "inherit"] },
    );
    const acked: string[] = [];
    let buffered = "";
    const enough = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        for (const l of lines) if (l.startsWith("ack ")) acked.push(l.slice(4));
        if (acked.length >= 200) resolve();
      });
      child.on("exit", (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    await enough;
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;
    // Only lines read before the kill count: each was printed after its commit.
    const ids = [...acked];
    const spans = await db().span.groupBy({ by: ["traceId"], where: { traceId: { in: ids } }, _count: { _all: true } });
    const traces = await db().trace.findMany({ where: { id: { in: ids } }, select: { id: true, spanCount: true } });
    expect(spans.length).toBe(ids.length);
    expect(spans.every((s) => s._count._all === 5)).toBe(true);
    expect(traces.every((t) => t.spanCount === 5)).toBe(true);
  }, 180_000);
});
