import { describe, expect, it } from "vitest";
import type { IngestRequest } from "./batch";
import { GroupCommit } from "./group-commit";

const req = (experimentId: string, spans = 1): IngestRequest => ({
  experimentId,
  spans: Array.from({ length: spans }, () => ({}) as IngestRequest["spans"][number]),
});

describe("GroupCommit", () => {
  it("writes requests that arrive together in one batch and answers each after it", async () => {
    const batches: string[][] = [];
    const gc = new GroupCommit((rs) => void batches.push(rs.map((r) => r.experimentId)), {
      maxSpans: 100,
      retryable: () => false,
      retryForMs: 0,
    });
    await Promise.all(["a", "b", "c"].map((e) => gc.submit(req(e))));
    expect(batches).toEqual([["a", "b", "c"]]);
  });

  it("bounds a batch by its span count, and drains what arrives during a write into the next", async () => {
    const batches: string[][] = [];
    let later: Promise<void> | undefined;
    const gc = new GroupCommit(
      async (rs) => {
        batches.push(rs.map((r) => r.experimentId));
        later ??= gc.submit(req("late"));
        await new Promise((r) => setTimeout(r, 5));
      },
      { maxSpans: 10, retryable: () => false, retryForMs: 0 },
    );
    await Promise.all([gc.submit(req("a", 6)), gc.submit(req("b", 6)), gc.submit(req("c", 3))]);
    await later;
    expect(batches).toEqual([["a"], ["b", "c", "late"]]);
  });

  it("fails only the request that fails, and retries what is retryable", async () => {
    let busy = 2;
    const gc = new GroupCommit(
      (rs) => {
        if (busy-- > 0) throw Object.assign(new Error("busy"), { busy: true });
        if (rs.some((r) => r.experimentId === "bad")) throw new Error("bad request");
      },
      { maxSpans: 100, retryable: (e) => (e as { busy?: boolean }).busy === true, retryForMs: 5_000 },
    );
    const results = await Promise.allSettled([gc.submit(req("ok1")), gc.submit(req("bad")), gc.submit(req("ok2"))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("bad request");
  });

  it("runs up to `writers` transactions at once, each answering its own requests", async () => {
    let inFlight = 0;
    let most = 0;
    const written: string[] = [];
    const gc = new GroupCommit(
      async (rs) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 10));
        written.push(...rs.map((r) => r.experimentId));
        inFlight--;
      },
      { maxSpans: 1, retryable: () => false, retryForMs: 0, writers: 3 },
    );
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    await Promise.all(names.map((e) => gc.submit(req(e))));
    expect(most).toBe(3);
    expect(written.sort()).toEqual(names);
    // Idle again: the next request starts a writer of its own.
    await gc.submit(req("h"));
    expect(written).toContain("h");
  });

  it("keeps small requests in one writer's batches: more writers start only for a full batch waiting", async () => {
    let inFlight = 0;
    let most = 0;
    const batches: number[] = [];
    const gc = new GroupCommit(
      async (rs) => {
        most = Math.max(most, ++inFlight);
        batches.push(rs.length);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      },
      { maxSpans: 100, retryable: () => false, retryForMs: 0, writers: 4 },
    );
    await Promise.all(Array.from({ length: 30 }, (_, i) => gc.submit(req(`e${i}`))));
    expect(most).toBe(1);
    expect(batches).toEqual([30]);
  });
});
