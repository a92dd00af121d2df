/**
 * `npm install` must print no EBADENGINE on the Node version the README promises (package.json
 * `engines.node`, today >=20.19): every package the lockfile installs has to accept it. A new
 * dependency (or an update) that wants a newer Node fails here, before a newcomer sees the warning.
 * See CONTRIBUTING.md "Dependencies and the install log" for the one override this needs today.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";

type Version = [number, number, number];

const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v
    .replace(/^v/, "")
    .split(".")
    .map((p) => (p === "x" || p === "*" ? 0 : Number(p)));
  return [a, b, c];
};
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const parts = (v: string) =>
  v
    .replace(/^v/, "")
    .split(".")
    .filter((p) => p !== "x" && p !== "*").length;

/** One comparator of a semver range (the forms engines fields use: >=, >, <, <=, ^, ~, x-ranges, bare). */
function admits(comparator: string, v: Version): boolean {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*(\S+)$/.exec(comparator.trim());
  if (!m) throw new Error(`unreadable comparator '${comparator}'`);
  const [, op = "", raw] = m;
  const x = parse(raw!);
  const c = cmp(v, x);
  switch (op) {
    case ">=":
      return c >= 0;
    case ">":
      return c > 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case "^":
      return c >= 0 && (x[0] > 0 ? v[0] === x[0] : v[1] === x[1]);
    case "~":
      return c >= 0 && v[0] === x[0] && (parts(raw!) < 2 || v[1] === x[1]);
    default: {
      // A bare or x-range version ("20", "20.x", "1.2.3") pins its given parts.
      const n = parts(raw!);
      return v.slice(0, n).every((p, i) => p === x[i]);
    }
  }
}

/** Whether a semver range (alternatives split by `||`, comparators by spaces) admits the version. */
export function rangeAdmits(range: string, version: string): boolean {
  const v = parse(version);
  return range.split("||").some((alt) => {
    const comparators = alt
      .trim()
      .replace(/(>=|<=|>|<)\s+/g, "$1")
      .split(/\s+/)
      .filter(Boolean);
    return comparators.length === 0 || comparators.every((c) => admits(c, v));
  });
}

describe("the install on the promised Node version", () => {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { engines: { node: string } };
  const floor = /(\d+(?:\.\d+){0,2})/.exec(pkg.engines.node)![1]!;

  it("reads the ranges engines fields use", () => {
    expect(rangeAdmits(">=20.19", "20.19.0")).toBe(true);
    expect(rangeAdmits(">=22.0.0", "20.19.0")).toBe(false);
    expect(rangeAdmits("^18.18.0 || ^20.9.0 || >=21.1.0", "20.19.0")).toBe(true);
    expect(rangeAdmits("^20.19.0 || >=22.12.0", "20.18.0")).toBe(false);
    expect(rangeAdmits("20 || >=22", "20.19.0")).toBe(true);
    expect(rangeAdmits("20.x || 22.x", "21.0.0")).toBe(false);
    expect(rangeAdmits(">= 0.4", "20.19.0")).toBe(true);
    expect(rangeAdmits("^20.12||^22||>=24", "20.19.0")).toBe(true);
  });

  it(`every package in package-lock.json accepts Node ${floor} (no EBADENGINE on npm install)`, () => {
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, { engines?: { node?: string } }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name && p.engines?.node && !rangeAdmits(p.engines.node, floor))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, "")} wants node ${p.engines!.node}`);
    expect(refusing).toEqual([]);
  });
});
