/**
 * The direct-insert ceiling: one benchmark trace's rows written straight into the database
 * with the same Prisma client and driver the server uses, one transaction per trace. The rows
 * are the ones the writer stores (trace, spans, its two server tags and schema-version
 * metadata), and each table gets one plain multi-row INSERT: Prisma's create/createMany cost
 * more per statement than the writer's raw upserts, which made the old ceiling beatable.
 */
import { Prisma, type Db } from "../../lib/db/client";
import type { makeRows } from "./workload";

type Row = Record<string, string | number | bigint | Date | null>;

function insert(table: string, rows: Row[]): Prisma.Sql {
  const cols = Object.keys(rows[0]!);
  const tuples = rows.map((r) => Prisma.sql`(${Prisma.join(cols.map((c) => r[c] ?? null))})`);
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(cols.map((c) => `"${c}"`).join(", "))}) VALUES ${Prisma.join(tuples)}`;
}

export async function insertDirect(db: Db, r: ReturnType<typeof makeRows>[number]): Promise<void> {
  const now = new Date();
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw(insert("Trace", [{ ...r.trace, createdAt: now, updatedAt: now }]));
      await tx.$executeRaw(insert("Span", r.spans));
      await tx.$executeRaw(insert("TraceTag", r.tags));
      await tx.$executeRaw(insert("TraceMetadata", r.metadata));
    },
    { maxWait: 60_000, timeout: 60_000 },
  );
}
