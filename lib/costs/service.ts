import "server-only";
/**
 * The model price table (Settings → Model prices): read by developers, replaced by admins.
 * A change recomputes the stored cost of the traces it affects (trace-costs.ts).
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { recordAuditEvent } from "@/lib/audit/record";
import { db, type Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { DEFAULT_MODEL_PRICES } from "./default-prices";
import { normalizeModelName, priceLookup, type PriceRow } from "./match-price";
import type { ModelPricesDto, TReplaceModelPricesBody } from "./schemas";
import { recomputeCostsAfterPriceChange } from "./trace-costs";

const SEEDED_KEY = "costs.default_prices_seeded";

async function readPrices(client: Db): Promise<(PriceRow & { updatedAt: Date })[]> {
  return client.modelPrice.findMany({
    orderBy: { model: "asc" },
    select: { model: true, inputUsdPerMillion: true, outputUsdPerMillion: true, updatedAt: true },
  });
}

const toDto = (rows: (PriceRow & { updatedAt: Date })[]): ModelPricesDto["prices"] =>
  rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));

/** The price table, by model name. Developers and admins. */
export async function listModelPrices(actor: Actor): Promise<ModelPricesDto> {
  requireRole(actor, "DEVELOPER");
  return { prices: toDto(await readPrices(db())) };
}

/**
 * Replaces the price table (one transaction), then recomputes the cost of every trace whose
 * model's effective price changed. Admins only; audited.
 */
export async function replaceModelPrices(actor: Actor, body: TReplaceModelPricesBody): Promise<ModelPricesDto> {
  requireRole(actor, "ADMIN");
  const before = await readPrices(db());
  const rows = body.prices.map((p) => ({
    id: newId(),
    model: normalizeModelName(p.model),
    inputUsdPerMillion: p.inputUsdPerMillion,
    outputUsdPerMillion: p.outputUsdPerMillion,
  }));
  await db().$transaction(async (tx) => {
    await tx.modelPrice.deleteMany({});
    if (rows.length) await tx.modelPrice.createMany({ data: rows });
  });
  const after = await readPrices(db());
  const recomputedTraces = await recomputeCostsAfterPriceChange(priceLookup(before), priceLookup(after), db());
  await recordAuditEvent({
    actor,
    action: "model_prices.updated",
    target: { type: "settings", id: "model_prices" },
    details: { models: rows.length, recomputedTraces },
  });
  return { prices: toDto(after), recomputedTraces };
}

/**
 * Seeds the default list prices once per installation (a flag in AppSetting, so rows an admin
 * deletes stay deleted) and costs the traces stored so far. Run at start-up.
 */
export async function ensureDefaultModelPrices(client: Db): Promise<void> {
  const seeded = await client.appSetting.findUnique({ where: { key: SEEDED_KEY } });
  if (seeded) return;
  const before = await readPrices(client);
  await client.$transaction(async (tx) => {
    const existing = new Set((await tx.modelPrice.findMany({ select: { model: true } })).map((r) => r.model));
    const missing = DEFAULT_MODEL_PRICES.filter((p) => !existing.has(p.model));
    if (missing.length) await tx.modelPrice.createMany({ data: missing.map((p) => ({ id: newId(), ...p })) });
    await tx.appSetting.create({ data: { key: SEEDED_KEY, value: new Date().toISOString() } });
  });
  await recomputeCostsAfterPriceChange(priceLookup(before), priceLookup(await readPrices(client)), client);
}
