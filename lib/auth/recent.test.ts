import { describe, expect, it } from "vitest";
import { forgetRecentCredentials, RECENT_MS, RecentMap, recentMap } from "./recent";

describe("RecentMap", () => {
  it("answers for RECENT_MS after a set, then forgets", () => {
    const m = new RecentMap<string>();
    m.set("k", "v", 1_000);
    expect(m.get("k", 1_000 + RECENT_MS - 1)).toBe("v");
    expect(m.get("k", 1_000 + RECENT_MS)).toBeUndefined();
    // Expired entries are gone, not revived.
    expect(m.get("k", 1_000)).toBeUndefined();
  });

  it("forgets one entry, or everything", () => {
    const m = recentMap<number>("test-recent");
    m.set("a", 1);
    m.set("b", 2);
    m.delete("a");
    expect(m.get("a")).toBeUndefined();
    expect(m.get("b")).toBe(2);
    forgetRecentCredentials();
    expect(m.get("b")).toBeUndefined();
  });

  it("is one map per name in the process", () => {
    recentMap<number>("test-shared").set("x", 7);
    expect(recentMap<number>("test-shared").get("x")).toBe(7);
  });
});
