import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

const APP = "http://127.0.0.1:3000";

describe("safeRedirectPath", () => {
  it.each([
    "/\\evil.test",
    "/\\/evil.test",
    "/\t/evil.test",
    "/\n/evil.test",
    "\t//evil.test",
    "//evil.test",
    "///evil.test",
    "https:evil.test",
    "https://evil.test/login",
    "http://127.0.0.1:3001/",
    "javascript:alert(1)",
    "data:text/html,hi",
    " //evil.test",
  ])("%j stays on the app", (raw) => {
    expect(safeRedirectPath(raw, APP)).toBe("/");
  });

  it("keeps same-origin paths, queries and fragments", () => {
    expect(safeRedirectPath("/experiments/1/traces?q=a#x", APP)).toBe("/experiments/1/traces?q=a#x");
    expect(safeRedirectPath(`${APP}/review`, APP)).toBe("/review");
    expect(safeRedirectPath("settings", APP)).toBe("/settings");
    expect(safeRedirectPath(null, APP)).toBe("/");
  });
});
