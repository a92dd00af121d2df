import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import {
  decodePageCursor,
  decodePageToken,
  encodeKeysetToken,
  encodePageToken,
  nextPageToken,
} from "@/lib/paging/page-token";

describe("page tokens", () => {
  it("are base64 of {offset}, as MLflow's", () => {
    expect(encodePageToken(100)).toBe(Buffer.from('{"offset":100}').toString("base64"));
    expect(decodePageToken(encodePageToken(250))).toBe(250);
    // MLflow's Python server writes json.dumps spacing.
    expect(decodePageToken(Buffer.from('{"offset": 7}').toString("base64"))).toBe(7);
  });

  it("treat no token as the first page", () => {
    expect(decodePageToken(undefined)).toBe(0);
    expect(decodePageToken(null)).toBe(0);
    expect(decodePageToken("")).toBe(0);
  });

  it.each([
    ["not base64!"],
    [Buffer.from("not json").toString("base64")],
    [Buffer.from('{"offset":-1}').toString("base64")],
    [Buffer.from('{"offset":1.5}').toString("base64")],
    [Buffer.from('{"offset":"3"}').toString("base64")],
    [Buffer.from("null").toString("base64")],
    [Buffer.from("[]").toString("base64")],
  ])("reject %j with a 400", (token) => {
    expect(() => decodePageToken(token)).toThrow(ValidationError);
    expect(() => decodePageToken(token)).toThrow("Invalid page_token");
  });

  it("give a next token only after a full page", () => {
    expect(nextPageToken(0, 100, 100)).toBe(encodePageToken(100));
    expect(nextPageToken(100, 100, 99)).toBeUndefined();
  });
});

describe("keyset page tokens", () => {
  it("round-trip after/before values, and offset tokens still decode", () => {
    expect(decodePageCursor(encodeKeysetToken("after", ["1700000000000", "tr-a", null, 0.5]))).toEqual({
      after: ["1700000000000", "tr-a", null, 0.5],
    });
    expect(decodePageCursor(encodeKeysetToken("before", ["x"]))).toEqual({ before: ["x"] });
    expect(decodePageCursor(encodePageToken(40))).toEqual({ offset: 40 });
    expect(decodePageCursor(undefined)).toBeNull();
  });

  it.each([
    [Buffer.from('{"after":[]}').toString("base64")],
    [Buffer.from('{"after":[{"x":1}]}').toString("base64")],
    [Buffer.from('{"after":["a"],"before":["b"]}').toString("base64")],
    [Buffer.from('{"sideways":["a"]}').toString("base64")],
    ["not base64!"],
  ])("reject %j with a 400", (token) => {
    expect(() => decodePageCursor(token)).toThrow(ValidationError);
  });
});
