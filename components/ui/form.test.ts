import { describe, expect, it } from "vitest";
import { fieldWords } from "./form";

describe("fieldWords", () => {
  it("says a contract path in words, without the body prefix and with 1-based positions", () => {
    expect(fieldWords("body.assignedUsers[2]")).toBe("assigned users #3");
    expect(fieldWords("body.input.minValue")).toBe("input › min value");
    expect(fieldWords("query.pageToken")).toBe("page token");
    expect(fieldWords("name")).toBe("name");
  });
});
