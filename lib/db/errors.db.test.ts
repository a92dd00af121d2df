import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readDbConfig } from "@/lib/db/config";
import { newExperimentId } from "@/lib/ids";
import { db, makeExperiment, provider, uniqueName } from "@/test/db";
import { isForeignKeyViolation, isRetryableWriteError, isUniqueViolation } from "./errors";

/** The error `run` throws (the test fails if it throws none). */
async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected the write to fail");
}

const config = readDbConfig();
const pool = config.provider === "postgresql" ? new pg.Pool({ connectionString: config.url, max: 1 }) : null;
const sqlite = config.provider === "sqlite" ? new Database(config.file!) : null;
afterAll(async () => {
  await pool?.end();
  sqlite?.close();
});

/** The same statement straight through the driver the hot paths use (pg or better-sqlite3). */
async function driver(sql: string, values: unknown[]) {
  if (pool)
    return pool.query(
      sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split("?").length}`),
      values,
    );
  return sqlite!.prepare(sql).run(...(values as string[]));
}

describe(`database errors as every layer reports them (${provider()})`, () => {
  it("a duplicate key is a unique violation, and retryable, from Prisma and from the driver", async () => {
    const exp = await makeExperiment();
    const fromPrisma = await caught(() =>
      db().experiment.create({ data: { id: newExperimentId(), name: exp.name, artifactLocation: "x" } }),
    );
    const fromDriver = await caught(() =>
      driver(
        `INSERT INTO "Experiment" ("id", "name", "artifactLocation", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
        [newExperimentId(), exp.name, "x", new Date().toISOString(), new Date().toISOString()],
      ),
    );
    for (const err of [fromPrisma, fromDriver]) {
      expect(isUniqueViolation(err)).toBe(true);
      expect(isRetryableWriteError(err)).toBe(true);
      expect(isForeignKeyViolation(err)).toBe(false);
    }
  });

  it("a row pointing at nothing is a foreign-key violation, not retryable, from Prisma and from the driver", async () => {
    const missing = `missing-${uniqueName("exp")}`;
    const fromPrisma = await caught(() =>
      db().trace.create({ data: { id: `tr-${uniqueName("t")}`, experimentId: missing, timestampMs: 0n, state: "OK" } }),
    );
    const fromDriver = await caught(() =>
      driver(`INSERT INTO "TraceTag" ("traceId", "key", "value") VALUES (?, ?, ?)`, [`tr-${missing}`, "k", "v"]),
    );
    for (const err of [fromPrisma, fromDriver]) {
      expect(isForeignKeyViolation(err)).toBe(true);
      expect(isUniqueViolation(err)).toBe(false);
      expect(isRetryableWriteError(err)).toBe(false);
    }
  });

  it("an ordinary error is none of them", () => {
    const err = new Error("value too long");
    expect([isUniqueViolation(err), isForeignKeyViolation(err), isRetryableWriteError(err)]).toEqual([
      false,
      false,
      false,
    ]);
    expect(isRetryableWriteError(null)).toBe(false);
  });
});
