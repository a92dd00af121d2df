import path from "node:path";
import { describe, expect, it } from "vitest";
import { artifactsRoot, resolveArtifactPath } from "./service";
import { matchTracesJsonPath } from "./traces-json";

describe("artifact paths", () => {
  it("stay inside DATA_DIR/artifacts", () => {
    expect(resolveArtifactPath("1/run/artifacts/model.pkl")).toBe(
      path.join(artifactsRoot(), "1", "run", "artifacts", "model.pkl"),
    );
    for (const bad of ["../etc/passwd", "1/../../secret", "a/./b", "a\\..\\b", "", "x\0y"]) {
      expect(() => resolveArtifactPath(bad), bad).toThrow(/artifact path/);
    }
  });

  it("recognise a trace's traces.json", () => {
    const id = `tr-${"ab".repeat(16)}`;
    expect(matchTracesJsonPath(`42/traces/${id}/artifacts/traces.json`)).toEqual({ experimentId: "42", traceId: id });
    expect(matchTracesJsonPath(`42/traces/${id}/artifacts/other.json`)).toBeNull();
    expect(matchTracesJsonPath(`42/traces/tr-xyz/artifacts/traces.json`)).toBeNull();
  });
});
