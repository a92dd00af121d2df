import "server-only";
import { db, Prisma } from "@/lib/db/client";
import type { DbProvider } from "@/lib/db/config";
import type { TraceFilter } from "@/lib/traces/search";

/** At most this many traces in a cost range keep the cost index (range scan, then sort). */
export const COST_RANGE_BOUND = 5000;

/** The comparators that are a range on the cost index (fixed SQL, never the user's text). */
const RANGE: Record<string, Prisma.Sql> = {
  "<": Prisma.raw("<"),
  "<=": Prisma.raw("<="),
  ">": Prisma.raw(">"),
  ">=": Prisma.raw(">="),
};

/**
 * Whether the filter's cost ranges (`trace.cost > x`) match more than `bound` traces of the
 * experiments, counted through the cost index and stopped at bound + 1. Why: SQLite keeps no
 * statistics, so for `experimentId = ? AND costUsd > ?` it always range-scans the
 * (experimentId, costUsd, timestampMs) index and sorts every match into the page order. That is
 * cheapest for a narrow range (2,000 matches: ~4 ms) and slowest for a wide one (100,000
 * matches: ~90 ms), where walking the traces newest first and testing each cost fills a page
 * within the first rows (under 1 ms). Above the bound matches are at least bound / total of the
 * traces, so the walk reads at most about page × total / bound rows; it assumes the matches are
 * spread over time, not all among the oldest traces.
 * PostgreSQL is not asked: its planner has statistics and picks between the two itself.
 */
export async function isWideCostRange(
  filter: TraceFilter,
  experimentIds: string[],
  provider: DbProvider,
  bound = COST_RANGE_BOUND,
): Promise<boolean> {
  if (provider !== "sqlite") return false;
  const ranges = filter.conditions.flatMap((c) =>
    c.key.entity === "attribute" &&
    c.key.name === "cost" &&
    RANGE[c.comparator] &&
    "value" in c &&
    c.value.type === "number"
      ? [Prisma.sql`AND "costUsd" ${RANGE[c.comparator]!} ${c.value.value}`]
      : [],
  );
  if (!ranges.length || !experimentIds.length) return false;
  // Raw, because Prisma's bounded count adds ORDER BY id, which sorts every match first.
  const [{ n }] = await db().$queryRaw<[{ n: bigint | number }]>`
    SELECT COUNT(*) AS "n" FROM (
      SELECT 1 FROM "Trace" WHERE "experimentId" IN (${Prisma.join(experimentIds)}) ${Prisma.join(ranges, " ")}
      LIMIT ${bound + 1}
    ) AS "m"`;
  return Number(n) > bound;
}
