import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { readDbConfig } from "@/lib/db/config";
import { db, makeExperiment, provider, uniqueName } from "@/test/db";

// Another process on the same SQLite file (a script, a second tool, the e2e seeder) is a second
// connection; PostgreSQL has no such upgrade step, so there is nothing to show there.
describe.skipIf(provider() !== "sqlite")(
  "SQLite transactions begin IMMEDIATE (skipped on PostgreSQL: SQLite only)",
  () => {
    // timeout 0: the other connection answers SQLITE_BUSY at once instead of waiting (it would
    // block this test's only thread, so the transaction it waits for could never finish).
    const other = provider() === "sqlite" ? new Database(readDbConfig().file!, { timeout: 0 }) : null;
    afterAll(() => other?.close());

    it("a transaction that reads and then writes commits although another connection tried to write in between", async () => {
      const exp = await makeExperiment();
      const renamed = uniqueName("renamed");
      let otherWrite = "";
      await db().$transaction(async (tx) => {
        await tx.experiment.findUnique({ where: { id: exp.id } });
        try {
          other!.prepare("UPDATE Experiment SET name = ? WHERE id = ?").run(uniqueName("other"), exp.id);
          otherWrite = "written";
        } catch (e) {
          otherWrite = (e as { code?: string }).code ?? String(e);
        }
        // Begun DEFERRED, this upgrade would fail with SQLITE_BUSY_SNAPSHOT after the other's commit.
        await tx.experiment.update({ where: { id: exp.id }, data: { name: renamed } });
      });
      expect(otherWrite).toBe("SQLITE_BUSY");
      expect((await db().experiment.findUnique({ where: { id: exp.id } }))?.name).toBe(renamed);
    });

    it("the other connection writes as soon as the transaction has committed", async () => {
      const exp = await makeExperiment();
      await db().$transaction(async (tx) => tx.experiment.findUnique({ where: { id: exp.id } }));
      const name = uniqueName("after");
      other!.prepare("UPDATE Experiment SET name = ? WHERE id = ?").run(name, exp.id);
      expect((await db().experiment.findUnique({ where: { id: exp.id } }))?.name).toBe(name);
    });
  },
);
