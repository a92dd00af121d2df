import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeOtlpSpans } from "@/lib/ingestion/decode-otlp";
import { makeOtlpBodies } from "../../../bench/ingest/workload";
import { INLINE_BELOW_BYTES, decodeOtlpSpansOffThread, decodeThreadState } from "./index";

const protobuf = "application/x-protobuf";

/** Until the thread has loaded its code (it posts DecodeReady). */
async function threadReady() {
  for (let waited = 0; !decodeThreadState().ready; waited += 20) {
    if (waited > 20_000) throw new Error("the decode thread did not become ready");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("decoding on the decode thread", () => {
  it("decodes inline while the thread boots, then on the thread: the same spans either way", async () => {
    const body = makeOtlpBodies(50, 10, 50)[0]!;
    expect(body.byteLength).toBeGreaterThan(INLINE_BELOW_BYTES);
    // The first big request starts the thread and does not wait for it to load.
    const first = await decodeOtlpSpansOffThread({ body, contentType: protobuf });
    expect(decodeThreadState()).toEqual({ running: true, ready: false, answered: 0 });
    expect(first).toEqual(decodeOtlpSpans({ body, contentType: protobuf }));
    await threadReady();
    const before = decodeThreadState().answered;
    const offThread = await decodeOtlpSpansOffThread({ body, contentType: protobuf });
    expect(decodeThreadState()).toEqual({ running: true, ready: true, answered: before + 1 });
    expect(offThread).toHaveLength(500);
    expect(offThread).toEqual(decodeOtlpSpans({ body, contentType: protobuf }));
    // Concurrent requests each get their own spans back.
    const bodies = makeOtlpBodies(200, 10, 50);
    const results = await Promise.all(bodies.map((b) => decodeOtlpSpansOffThread({ body: b, contentType: protobuf })));
    results.forEach((spans, i) => expect(spans).toEqual(decodeOtlpSpans({ body: bodies[i]!, contentType: protobuf })));
    expect(decodeThreadState().answered).toBe(before + 1 + bodies.length);
  }, 30_000);

  it("answers a bad big body with the inline decoder's 400 and message", async () => {
    const body = new Uint8Array(INLINE_BELOW_BYTES + 10).fill(0xff);
    const inline = (() => {
      try {
        decodeOtlpSpans({ body, contentType: protobuf });
      } catch (err) {
        return err as { status: number; message: string };
      }
    })();
    expect(inline?.status).toBe(400);
    await expect(decodeOtlpSpansOffThread({ body, contentType: protobuf })).rejects.toMatchObject({
      status: 400,
      message: inline!.message,
    });
    await expect(
      decodeOtlpSpansOffThread({ body: makeOtlpBodies(50, 10, 50)[0]!, contentType: protobuf, contentEncoding: "br" }),
    ).rejects.toMatchObject({ status: 415 });
  }, 30_000);

  it("undoes gzip as the inline decoder does", async () => {
    const body = makeOtlpBodies(50, 10, 50)[0]!;
    expect(
      await decodeOtlpSpansOffThread({ body: gzipSync(body), contentType: protobuf, contentEncoding: "gzip" }),
    ).toEqual(decodeOtlpSpans({ body, contentType: protobuf }));
  });

  it("decodes a small body inline, with the same result", async () => {
    const body = makeOtlpBodies(1, 3)[0]!;
    expect(body.byteLength).toBeLessThan(INLINE_BELOW_BYTES);
    const before = decodeThreadState().answered;
    expect(await decodeOtlpSpansOffThread({ body, contentType: protobuf })).toEqual(
      decodeOtlpSpans({ body, contentType: protobuf }),
    );
    expect(decodeThreadState().answered).toBe(before);
  });
});
