import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isEncrypted } from "./secrets";

const saved = process.env.NEXTAUTH_SECRET;
afterEach(() => {
  process.env.NEXTAUTH_SECRET = saved;
});

describe("secrets at rest", () => {
  it("round-trips with a fresh IV each time and hides the plaintext", () => {
    process.env.NEXTAUTH_SECRET = "a".repeat(32);
    const a = encryptSecret("sk-judge-key-1234");
    const b = encryptSecret("sk-judge-key-1234");
    expect(a).not.toBe(b);
    expect(isEncrypted(a)).toBe(true);
    expect(a).not.toContain("sk-judge");
    expect(decryptSecret(a)).toBe("sk-judge-key-1234");
  });

  it("passes legacy plaintext through and refuses a tampered value or another server secret", () => {
    process.env.NEXTAUTH_SECRET = "b".repeat(32);
    expect(decryptSecret("sk-plain")).toBe("sk-plain");
    const enc = encryptSecret("sk-x");
    const tampered = enc.slice(0, -2) + (enc.endsWith("A") ? "BB" : "AA");
    expect(() => decryptSecret(tampered)).toThrow(/cannot be decrypted/);
    process.env.NEXTAUTH_SECRET = "c".repeat(32);
    expect(() => decryptSecret(enc)).toThrow(/NEXTAUTH_SECRET/);
  });
});
