import "server-only";
/**
 * The span tree's rows straight from the driver (lib/db/driver.ts), times made relative in SQL:
 * 50,000 rows through Prisma's result mapping and BigInt arithmetic cost seconds of the server's
 * one thread.
 *
 * Read in keyset pages of (start time, span id), with a turn of the event loop between pages:
 * one query for a 50,000-span trace held the server's thread for a third of a second while the
 * driver parsed its rows (on PostgreSQL; on SQLite the synchronous read itself), and every
 * other request waited that long (issue 14: /health p95 under 16 concurrent opens).
 */
import { driverReads, type Dialect } from "@/lib/db/driver";
import type { TreeOffsetRow } from "./tree-wire";

/** Rows per query: small enough that parsing one page is a short pause, big enough for few round trips. */
export const TREE_PAGE_ROWS = 5_000;

/** One query through the driver. */
const readOne = async (build: (d: Dialect) => { name: string; text: string; values: unknown[] }) =>
  (await driverReads((d) => [build(d)]))[0]!;

/** Every span of the trace, ordered by start time then span id, with offsets from the earliest start. */
export async function treeRows(
  traceId: string,
  pageRows = TREE_PAGE_ROWS,
): Promise<{ baseNs: string; rows: TreeOffsetRow[] }> {
  const [first] = await readOne((d) => ({
    name: "tree_base",
    text: `SELECT CAST(min("startTimeNs") AS TEXT) AS "base" FROM "Span" WHERE "traceId" = ${d.p(1)}`,
    values: [traceId],
  }));
  const baseNs = (first?.base as string | null | undefined) ?? null;
  if (baseNs === null) return { baseNs: "0", rows: [] };
  const limit = Math.max(1, Math.floor(pageRows));
  const page = (d: Dialect, after: [string, string]) => {
    // Times as text cast to bigint on PostgreSQL; as BigInt values on SQLite. Offsets and
    // durations fit a double exactly (traces shorter than 104 days): plain numbers.
    const time = (t: string) => (d.postgres ? t : BigInt(t));
    const big = (n: number) => (d.postgres ? `${d.p(n)}::bigint` : d.p(n));
    const num = (e: string) => (d.postgres ? `(${e})::double precision` : e);
    return {
      name: `tree_page_${limit}`,
      text: `SELECT "spanId", "parentSpanId", "name", "spanType", ${num(`"startTimeNs" - ${big(1)}`)} AS "startOffsetNs",
          ${num(`"endTimeNs" - "startTimeNs"`)} AS "durationNs", "statusCode", CAST("startTimeNs" AS TEXT) AS "startNs"
        FROM "Span"
        WHERE "traceId" = ${d.p(2)} AND ("startTimeNs" > ${big(3)} OR ("startTimeNs" = ${big(4)} AND "spanId" > ${d.p(5)}))
        ORDER BY "startTimeNs", "spanId" LIMIT ${limit}`,
      values: [time(baseNs), traceId, time(after[0]), time(after[0]), after[1]],
    };
  };
  const rows: TreeOffsetRow[] = [];
  // The first page starts at the earliest start, before any span id.
  let after: [string, string] = [baseNs, ""];
  for (;;) {
    const found = await readOne((d) => page(d, after));
    for (const r of found)
      rows.push({
        spanId: r.spanId as string,
        parentSpanId: r.parentSpanId as string | null,
        name: r.name as string,
        spanType: r.spanType as string,
        startOffsetNs: Number(r.startOffsetNs),
        durationNs: r.durationNs == null ? null : Number(r.durationNs),
        statusCode: r.statusCode as string,
      });
    if (found.length < limit) break;
    const last = found[found.length - 1]!;
    after = [last.startNs as string, last.spanId as string];
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { baseNs, rows };
}
