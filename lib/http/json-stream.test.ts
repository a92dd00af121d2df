import { describe, expect, it } from "vitest";
import { jsonStreamResponse } from "./json-stream";

describe("jsonStreamResponse", () => {
  it("sends the parts in order as one JSON body", async () => {
    async function* parts() {
      yield '{"spans":[';
      yield '{"a":1},{"a":"é"}';
      yield "]}";
    }
    const res = jsonStreamResponse(parts());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ spans: [{ a: 1 }, { a: "é" }] });
  });

  it("produces a part only when the reader wants it, and stops producing when the reader goes", async () => {
    let produced = 0;
    let finished = false;
    async function* parts() {
      try {
        for (;;) {
          produced++;
          yield "x".repeat(1024);
        }
      } finally {
        finished = true;
      }
    }
    const reader = jsonStreamResponse(parts()).body!.getReader();
    await reader.read();
    expect(produced).toBeLessThan(5);
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("ends the body with an error when a part fails", async () => {
    async function* parts() {
      yield "[";
      throw new Error("database gone");
    }
    await expect(jsonStreamResponse(parts()).text()).rejects.toThrow("database gone");
  });
});
