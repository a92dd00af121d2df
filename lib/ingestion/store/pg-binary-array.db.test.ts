import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readDbConfig } from "@/lib/db/config";
import { provider } from "@/test/db";
import { binaryArray } from "./pg-binary-array";
import type { PgType, SqlValue } from "./sql";

// The binary array format is PostgreSQL's wire format; SQLite takes no arrays.
describe.skipIf(provider() !== "postgresql")(
  "binary column arrays (skipped on SQLite: PostgreSQL's wire format)",
  () => {
    const pool = provider() === "postgresql" ? new pg.Pool({ connectionString: readDbConfig().url, max: 1 }) : null;
    afterAll(() => pool?.end());

    const roundTrip = async (type: PgType, cast: string, values: SqlValue[]) =>
      (
        await pool!.query<{ v: unknown }>({
          text: `SELECT v::text AS v FROM unnest($1::${cast}) WITH ORDINALITY AS u(v, i) ORDER BY i`,
          values: [binaryArray(type, values)],
        })
      ).rows.map((r) => r.v);

    it("text keeps quotes, backslashes, braces, commas, newlines, NULL-looking text and non-ASCII as sent", async () => {
      const values = [
        '{"a":"b\\"c"}',
        "back\\slash",
        "{,}",
        "line\nbreak\ttab",
        "NULL",
        "",
        null,
        "ünïcødé ✓ 𝄞",
        "x".repeat(100_000),
      ];
      expect(await roundTrip("text", "text[]", values)).toEqual(values);
    });

    it("integers, bigints beyond 2^53, floats, booleans and timestamps", async () => {
      expect(await roundTrip("int", "integer[]", [0, -1, 2_147_483_647, null])).toEqual([
        "0",
        "-1",
        "2147483647",
        null,
      ]);
      expect(await roundTrip("bigint", "bigint[]", [1_765_000_000_000_000_123n, "42", 7, null])).toEqual([
        "1765000000000000123",
        "42",
        "7",
        null,
      ]);
      expect(await roundTrip("float8", "float8[]", [0.000042, -1.5, null])).toEqual(["4.2e-05", "-1.5", null]);
      expect(await roundTrip("bool", "bool[]", [true, false, null])).toEqual(["true", "false", null]);
      expect(
        await roundTrip("timestamp", "timestamp(3)[]", [
          "2026-12-07T11:22:33.456+00:00",
          "1999-12-31T23:59:59.999Z",
          null,
        ]),
      ).toEqual(["2026-12-07 11:22:33.456", "1999-12-31 23:59:59.999", null]);
    });

    it("an empty array and an array of nulls", async () => {
      expect(await roundTrip("text", "text[]", [])).toEqual([]);
      expect(await roundTrip("bigint", "bigint[]", [null, null])).toEqual([null, null]);
    });
  },
);
