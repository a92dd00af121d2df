import { describe, expect, it } from "vitest";
import { displayValue, parseFormValue, valueTypeOf } from "./form-value";

describe("parseFormValue", () => {
  it("parses each type and explains what is wrong", () => {
    expect(parseFormValue("boolean", "false")).toEqual({ ok: true, value: false });
    expect(parseFormValue("boolean", "maybe")).toEqual({ ok: false, error: "Choose true or false" });
    expect(parseFormValue("number", " 0.75 ")).toEqual({ ok: true, value: 0.75 });
    expect(parseFormValue("number", "abc")).toEqual({ ok: false, error: "'abc' is not a number" });
    expect(parseFormValue("number", "")).toMatchObject({ ok: false });
    expect(parseFormValue("text", "Rotate keys")).toEqual({ ok: true, value: "Rotate keys" });
    expect(parseFormValue("text", "  ")).toMatchObject({ ok: false });
    expect(parseFormValue("categorical", "good", ["good", "bad"])).toEqual({ ok: true, value: "good" });
    expect(parseFormValue("categorical", "meh", ["good", "bad"])).toEqual({
      ok: false,
      error: "Choose one of: good, bad",
    });
    expect(parseFormValue("json", '{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseFormValue("json", "{a:")).toMatchObject({ ok: false, error: expect.stringContaining("Invalid JSON") });
  });
});

describe("display", () => {
  it("shows thumbs for booleans and yes/no, rounds numbers", () => {
    expect(displayValue(false)).toBe("false");
    expect(displayValue("yes")).toBe("yes");
    expect(displayValue(0.33333)).toBe("0.333");
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
    expect(valueTypeOf(3)).toBe("number");
    expect(valueTypeOf([1])).toBe("json");
  });
});
