import { describe, expect, it } from "vitest";
import { provider } from "@/test/db";
import { driverReads, inDriverTransaction } from "./driver";

// Text a literal has to survive: quotes, a backslash, a parameter-like "$2", a newline, non-ASCII.
const AWKWARD = `it's a "test" \\ with $2 and\na snowman ☃`;

describe(`driver statements (${provider()})`, () => {
  it("several independent reads come back in order, each with its own rows and values intact", async () => {
    const [first, second, third] = await driverReads(({ p }) => [
      { name: "t_one", text: `SELECT ${p(1)} AS "v", ${p(2)} AS "n"`, values: [AWKWARD, 42] },
      { name: "t_two", text: `SELECT ${p(1)} AS "v" UNION ALL SELECT ${p(2)}`, values: ["a", "b"] },
      { name: "t_three", text: `SELECT ${p(1)} AS "v"`, values: [null] },
    ]);
    expect(first).toEqual([{ v: AWKWARD, n: 42 }]);
    expect(second!.map((r) => r.v).sort()).toEqual(["a", "b"]);
    expect(third).toEqual([{ v: null }]);
  });

  it("one read, and no read at all", async () => {
    expect(
      await driverReads(({ p }) => [{ name: "t_single", text: `SELECT ${p(1)} AS "v"`, values: [AWKWARD] }]),
    ).toEqual([[{ v: AWKWARD }]]);
    expect(await driverReads(() => [])).toEqual([]);
  });

  it("a value that is not text, a number, a boolean or null is refused, not written as '[object Object]'", async () => {
    const read = driverReads(({ p }) => [
      { name: "t_a", text: `SELECT ${p(1)} AS "v"`, values: ["a"] },
      { name: "t_b", text: `SELECT ${p(1)} AS "v"`, values: [{ not: "text" }] },
    ]);
    await expect(read).rejects.toThrow(provider() === "postgresql" ? /value \$1 cannot be written as a literal/ : /./);
  });

  it("a transaction's first and last statements carry their values intact too", async () => {
    const rows = await inDriverTransaction(function* ({ p }) {
      const [a] = yield { name: "t_tx_first", text: `SELECT ${p(1)} AS "v"`, values: [AWKWARD] };
      const [b] = yield { name: "t_tx_last", text: `SELECT ${p(1)} AS "v"`, values: [`${String(a!.v)}!`], last: true };
      return b;
    });
    expect(rows).toEqual({ v: `${AWKWARD}!` });
  });
});
