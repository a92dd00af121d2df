import { beforeEach, describe, expect, it } from "vitest";
import { clearTreeCache, sharedTree } from "./tree-cache";

const sharedTreeJson = async (traceId: string, version: string, build: () => Promise<string>) =>
  (await sharedTree(traceId, version, async () => ({ json: await build(), rootSpanId: null }))).utf8.toString("utf8");

describe("sharedTreeJson", () => {
  beforeEach(clearTreeCache);

  it("builds a trace version once for concurrent and later opens, and again for a new version", async () => {
    let builds = 0;
    const build = (json: string) => async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 20));
      return json;
    };
    const opens = await Promise.all([1, 2, 3, 4].map(() => sharedTreeJson("tr-a", "1:100", build("v1"))));
    expect(opens).toEqual(["v1", "v1", "v1", "v1"]);
    expect(builds).toBe(1);
    expect(await sharedTreeJson("tr-a", "1:100", build("other"))).toBe("v1");
    expect(builds).toBe(1);
    expect(await sharedTreeJson("tr-a", "2:101", build("v2"))).toBe("v2");
    expect(await sharedTreeJson("tr-b", "1:100", build("b1"))).toBe("b1");
    expect(builds).toBe(3);
  });

  it("does not keep a failed build: the next open tries again", async () => {
    await expect(
      sharedTreeJson("tr-f", "1:1", async () => {
        throw new Error("database gone");
      }),
    ).rejects.toThrow("database gone");
    expect(await sharedTreeJson("tr-f", "1:1", async () => "ok")).toBe("ok");
  });

  it("keeps at most its byte budget, dropping the oldest trees first", async () => {
    // 14 MB of UTF-8 and a little compressed; the budget is 64 MB
    const big = Array.from({ length: 14 * 1024 }, (_, i) => `${i}`.padEnd(1024, "x")).join("");
    for (let i = 0; i < 6; i++) await sharedTreeJson(`tr-${i}`, "1:1", async () => big + i);
    let rebuilt = 0;
    const again = (i: number) =>
      sharedTreeJson(`tr-${i}`, "1:1", async () => {
        rebuilt++;
        return big + i;
      });
    await again(5); // the newest stayed
    expect(rebuilt).toBe(0);
    await again(0); // the oldest was dropped
    expect(rebuilt).toBe(1);
  });
});
