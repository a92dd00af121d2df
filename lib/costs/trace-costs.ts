/**
 * Trace costs at scale. Design: at ingestion each trace's token usage is summed per model into
 * the small TraceModelUsage table, and the trace's cost is computed from it and the price table
 * and stored in Trace.costUsd (indexed with the experiment), so the traces table filters and
 * sorts on cost like any column. When prices change, only the traces using a model whose
 * effective price changed are recomputed, in batches of BATCH traces, each batch one read of
 * usage rows and one UPDATE; spans are never read again. (Computing cost in SQL by joining the
 * price table at query time would make every cost filter/sort a join plus an aggregate over
 * 100,000 traces, and prefix matching of dated model names does not fit a join.)
 *
 * Not server-only: the seed factories (also run by the e2e seeding in Node) call it with their
 * own client; everything takes the client to use.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { priceLookup, totalCost, usageByModel, type ModelUsage, type PriceLookup } from "./match-price";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

const BATCH = 1000;

/** The current price table as a lookup. */
export async function loadPriceLookup(client: Client): Promise<PriceLookup> {
  const rows = await client.modelPrice.findMany({
    select: { model: true, inputUsdPerMillion: true, outputUsdPerMillion: true },
  });
  return priceLookup(rows);
}

/** Writes Trace.costUsd for many traces in one statement (a CASE over ids; both databases). */
async function writeCosts(client: Client, costs: Map<string, number | null>): Promise<void> {
  if (!costs.size) return;
  const entries = [...costs.entries()];
  const cases = entries.map(([id, usd]) => Prisma.sql`WHEN ${id} THEN CAST(${usd} AS DOUBLE PRECISION)`);
  await client.$executeRaw`UPDATE "Trace" SET "costUsd" = CASE "id" ${Prisma.join(cases, " ")} END WHERE "id" IN (${Prisma.join(entries.map(([id]) => id))})`;
}

function groupUsage(rows: (ModelUsage & { traceId: string })[]): Map<string, ModelUsage[]> {
  const out = new Map<string, ModelUsage[]>();
  for (const r of rows) {
    const list = out.get(r.traceId) ?? [];
    list.push(r);
    out.set(r.traceId, list);
  }
  return out;
}

/**
 * Recomputes the per-model usage of these traces from their stored spans and their costs from
 * the price table. Called inside the writer's transaction (and by the seed factories) after
 * spans changed. A few statements per call whatever the number of traces (chunked by BATCH).
 */
export async function refreshTraceCosts(client: Client, traceIds: string[], lookup?: PriceLookup): Promise<void> {
  if (!traceIds.length) return;
  const prices = lookup ?? (await loadPriceLookup(client));
  for (let i = 0; i < traceIds.length; i += BATCH) {
    const ids = traceIds.slice(i, i + BATCH);
    const sums = await client.span.groupBy({
      by: ["traceId", "model"],
      where: {
        traceId: { in: ids },
        model: { not: null },
        OR: [{ inputTokens: { not: null } }, { outputTokens: { not: null } }],
      },
      _sum: { inputTokens: true, outputTokens: true },
    });
    const sumsOf = new Map<
      string,
      { model: string | null; inputTokens: number | null; outputTokens: number | null }[]
    >();
    for (const s of sums)
      sumsOf.set(s.traceId, [
        ...(sumsOf.get(s.traceId) ?? []),
        { model: s.model, inputTokens: s._sum.inputTokens, outputTokens: s._sum.outputTokens },
      ]);
    const byTrace = new Map([...sumsOf].map(([id, rows]) => [id, usageByModel(rows)]));
    const usage = [...byTrace].flatMap(([traceId, list]) => list.map((u) => ({ traceId, ...u })));
    await client.traceModelUsage.deleteMany({ where: { traceId: { in: ids } } });
    if (usage.length) await client.traceModelUsage.createMany({ data: usage });
    await writeCosts(client, new Map(ids.map((id) => [id, totalCost(byTrace.get(id) ?? [], prices)])));
  }
}

/**
 * Recomputes the stored cost of every trace that uses a model whose effective price differs
 * between `before` and `after` (both lookups), in batches. Returns how many traces were updated.
 */
export async function recomputeCostsAfterPriceChange(
  before: PriceLookup,
  after: PriceLookup,
  client: Db,
): Promise<number> {
  const models = (await client.traceModelUsage.groupBy({ by: ["model"] })).map((m) => m.model);
  const same = (a: ReturnType<PriceLookup>, b: ReturnType<PriceLookup>) =>
    a?.inputUsdPerMillion === b?.inputUsdPerMillion && a?.outputUsdPerMillion === b?.outputUsdPerMillion;
  const changed = models.filter((m) => !same(before(m), after(m)));
  if (!changed.length) return 0;
  let updated = 0;
  // One model at a time, so each batch is a range of the index TraceModelUsage(model, traceId)
  // (keyset paging). A trace using two changed models is recomputed twice, harmlessly.
  for (const model of changed) {
    let cursor = "";
    for (;;) {
      const page = await client.traceModelUsage.findMany({
        where: { model, traceId: { gt: cursor } },
        orderBy: { traceId: "asc" },
        select: { traceId: true },
        take: BATCH,
      });
      if (!page.length) break;
      const ids = page.map((p) => p.traceId);
      cursor = ids[ids.length - 1]!;
      const usage = await client.traceModelUsage.findMany({ where: { traceId: { in: ids } } });
      const byTrace = groupUsage(usage);
      await writeCosts(client, new Map(ids.map((id) => [id, totalCost(byTrace.get(id) ?? [], after)])));
      updated += ids.length;
    }
  }
  return updated;
}
