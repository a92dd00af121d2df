/**
 * Guard: no emoji in the UI (components/, app/). Emoji render as empty boxes where no emoji font
 * is installed and say nothing to screen readers; icons are lucide-react SVGs with a text label
 * or aria-label instead. Pictographs, dingbats and the emoji variation selector are refused;
 * typographic arrows and key names in text (⌘, ←) are fine.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B50}\u{2B55}\u{FE0F}]/u;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(tsx?|css|mdx?)$/.test(name)) yield full;
  }
}

describe("icons, not emoji", () => {
  it("finds no emoji in components/ or app/", () => {
    const hits: string[] = [];
    for (const top of ["components", "app"]) {
      for (const file of sourceFiles(path.join(ROOT, top))) {
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (EMOJI.test(line)) hits.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(hits).toEqual([]);
  });

  it("would catch one", () => {
    expect(EMOJI.test("Thanks 👍")).toBe(true);
    expect(EMOJI.test("Done ✅")).toBe(true);
    expect(EMOJI.test("chain ⛓")).toBe(true);
    expect(EMOJI.test("← Back, ⌘+Enter")).toBe(false);
  });
});
