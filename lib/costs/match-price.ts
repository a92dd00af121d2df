/**
 * Which price applies to a model name, and what token usage costs (pure, client-safe).
 *
 * Span models come spelled many ways: `gpt-4o-2024-08-06`, `openai/gpt-4o`, `GPT-4o`,
 * `anthropic.claude-3-5-sonnet-20241022-v2:0`. A name is lower-cased and stripped of a provider
 * path (`…/`) and a Bedrock-style vendor prefix (`anthropic.`); then the price row of the same
 * name wins, else the longest price row the name starts with followed by `-`, `:` or `@` (so
 * `gpt-4o-mini-2024-07-18` takes `gpt-4o-mini`, not `gpt-4o`).
 */
export interface PriceRow {
  model: string;
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

export interface ModelUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

const VENDOR_PREFIX = /^(anthropic|meta|google|openai|mistral|cohere|amazon|ai21)\./;

/** The spelling usage is stored and matched under. */
export function normalizeModelName(model: string): string {
  const lower = model.trim().toLowerCase();
  const last = lower.slice(lower.lastIndexOf("/") + 1);
  return last.replace(VENDOR_PREFIX, "");
}

/**
 * Token usage per model of these rows (spans, or per-model sums of them): model names normalised,
 * so GPT-4o and gpt-4o are one model; rows without a model or without tokens are left out.
 */
export function usageByModel(
  rows: readonly { model: string | null; inputTokens: number | null; outputTokens: number | null }[],
): ModelUsage[] {
  const byModel = new Map<string, ModelUsage>();
  for (const r of rows) {
    if (r.model === null || (r.inputTokens === null && r.outputTokens === null)) continue;
    const model = normalizeModelName(r.model);
    const m = byModel.get(model) ?? { model, inputTokens: 0, outputTokens: 0 };
    m.inputTokens += r.inputTokens ?? 0;
    m.outputTokens += r.outputTokens ?? 0;
    byModel.set(model, m);
  }
  return [...byModel.values()];
}

export type PriceLookup = (model: string) => PriceRow | null;

/** A lookup over a price table (built once per table, used for many names). */
export function priceLookup(prices: readonly PriceRow[]): PriceLookup {
  const byModel = new Map(prices.map((p) => [normalizeModelName(p.model), p]));
  // Longest first, so the first prefix that matches is the most specific.
  const prefixes = [...byModel.keys()].sort((a, b) => b.length - a.length);
  const cache = new Map<string, PriceRow | null>();
  return (model) => {
    const name = normalizeModelName(model);
    if (cache.has(name)) return cache.get(name)!;
    let hit = byModel.get(name) ?? null;
    if (!hit) {
      const prefix = prefixes.find((p) => name.startsWith(p) && /^[-:@]/.test(name.slice(p.length)));
      hit = prefix ? byModel.get(prefix)! : null;
    }
    cache.set(name, hit);
    return hit;
  };
}

/** USD for one model's usage, or null when the model has no price. */
export function usageCost(usage: ModelUsage, lookup: PriceLookup): number | null {
  const price = lookup(usage.model);
  if (!price) return null;
  return (usage.inputTokens * price.inputUsdPerMillion + usage.outputTokens * price.outputUsdPerMillion) / 1_000_000;
}

/** USD for a trace's usage across models: the sum of priced models, null when none is priced. */
export function totalCost(usages: readonly ModelUsage[], lookup: PriceLookup): number | null {
  let total: number | null = null;
  for (const u of usages) {
    const c = usageCost(u, lookup);
    if (c !== null) total = (total ?? 0) + c;
  }
  return total;
}

/** Dollars for display: small amounts keep significant digits ($0.000042), larger ones cents. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toPrecision(2)}`;
}
