import { describe, expect, it } from "vitest";
import { renderTemplate, templateProblem, templateVariables } from "@/lib/evaluation/judges/template";

describe("judge prompt templates", () => {
  it("lists variables with or without spaces", () => {
    expect(templateVariables("Q: {{inputs}} A: {{ outputs }} again {{ inputs }}")).toEqual(["inputs", "outputs"]);
  });

  it("names unknown variables and the allowed ones", () => {
    expect(templateProblem("Is {{ output }} polite? {{ foo }}")).toBe(
      "Unknown variables {{ output }}, {{ foo }}: use {{ inputs }}, {{ outputs }}, {{ expectations }}, {{ trace }}, {{ conversation }}",
    );
    expect(templateProblem("Is it polite?")).toMatch(/^The prompt uses no variable/);
    expect(templateProblem("Is {{ outputs }} polite given {{ conversation }}?")).toBeNull();
  });

  it("renders each variable lazily", () => {
    let traceRendered = false;
    const text = renderTemplate("{{ inputs }} -> {{outputs}}", {
      inputs: () => "Q",
      outputs: () => "A",
      expectations: () => "",
      trace: () => ((traceRendered = true), "T"),
      conversation: () => "",
    });
    expect(text).toBe("Q -> A");
    expect(traceRendered).toBe(false);
  });
});
