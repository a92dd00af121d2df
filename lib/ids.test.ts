import { describe, expect, it } from "vitest";
import { parseIdFlexible } from "./ids";

describe("parseIdFlexible", () => {
  it("reads hex, 0x-prefixed hex and base64 of the same id", () => {
    const hex = "d32c30845310873a";
    expect(parseIdFlexible(hex, 8)).toBe(hex);
    expect(parseIdFlexible(`0x${hex.toUpperCase()}`, 8)).toBe(hex);
    expect(parseIdFlexible(Buffer.from(hex, "hex").toString("base64"), 8)).toBe(hex);
  });

  it("reads a base64 id that happens to begin with 0x as base64", () => {
    // Seen in CI: a random span id whose base64 starts with "0x" was refused as bad hex.
    const b64 = "0xywhFMQhzY=";
    expect(parseIdFlexible(b64, 8)).toBe(Buffer.from(b64, "base64").toString("hex"));
  });

  it("refuses what is neither", () => {
    expect(parseIdFlexible("0xnothex", 8)).toBeNull();
    expect(parseIdFlexible("abc", 8)).toBeNull();
  });
});
