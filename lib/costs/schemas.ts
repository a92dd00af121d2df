/** Price table contracts (client-safe): the Settings form and `PUT /api/costs/prices` share them. */
import { z } from "zod";
import { normalizeModelName } from "./match-price";

const usd = z.coerce
  .number({ error: "must be a number" })
  .min(0, "must be 0 or more")
  .max(100_000, "must be at most 100,000 USD per million tokens");

export const ZModelPriceRow = z.object({
  model: z
    .string()
    .trim()
    .min(1, "enter a model name")
    .max(200, "must be at most 200 characters")
    .regex(/^[^\s]+$/, "must not contain spaces"),
  inputUsdPerMillion: usd,
  outputUsdPerMillion: usd,
});
export type TModelPriceRow = z.infer<typeof ZModelPriceRow>;

/** The whole table at once (it is small): what is not listed is removed. */
export const ZReplaceModelPricesBody = z
  .object({ prices: z.array(ZModelPriceRow).max(1000, "at most 1,000 models") })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.prices.forEach((p, i) => {
      const name = normalizeModelName(p.model);
      if (seen.has(name)) {
        ctx.addIssue({
          code: "custom",
          path: ["prices", i, "model"],
          message: `"${p.model}" is listed twice (also row ${seen.get(name)! + 1})`,
        });
      } else seen.set(name, i);
    });
  });
export type TReplaceModelPricesBody = z.infer<typeof ZReplaceModelPricesBody>;

export interface ModelPriceDto {
  model: string;
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
  updatedAt: string;
}

export interface ModelPricesDto {
  prices: ModelPriceDto[];
  /** After a change: how many traces got a new cost. */
  recomputedTraces?: number;
}
