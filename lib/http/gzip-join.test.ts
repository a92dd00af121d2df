import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflatePart, gzipJoin, plainJoin } from "./gzip-join";

describe("gzipJoin", () => {
  it("joins reused compressed parts and per-request strings into one gzip body any gunzip reads", async () => {
    const tree = await deflatePart(JSON.stringify({ spans: Array.from({ length: 5000 }, (_, i) => [i, `s-${i}`]) }));
    for (const info of ['{"info":{"id":"tr-1","name":"ü ✓"},"tree":', '{"info":{},"tree":']) {
      const parts = [info, tree, "}"];
      const body = gzipJoin(parts);
      const text = zlib.gunzipSync(body).toString("utf8");
      expect(text).toBe(plainJoin(parts).toString("utf8"));
      expect(JSON.parse(text).info).toBeDefined();
      // The reused part is not compressed again: the body is about its compressed size.
      expect(body.length).toBeLessThan(tree.deflated.length + 200);
      expect(body.length).toBeLessThan(tree.utf8.length / 3);
    }
  });

  it("handles empty parts and only plain strings", () => {
    expect(zlib.gunzipSync(gzipJoin(["", "abc", ""])).toString()).toBe("abc");
    expect(zlib.gunzipSync(gzipJoin([])).toString()).toBe("");
  });
});
