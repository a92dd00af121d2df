// GET /api/costs/prices: the model price table; PUT replaces it (admins) and recomputes the affected traces' costs.
import { ZReplaceModelPricesBody } from "@/lib/costs/schemas";
import { listModelPrices, replaceModelPrices } from "@/lib/costs/service";
import { route } from "@/lib/http/route";

export const GET = route({ role: "DEVELOPER" }, ({ actor }) => listModelPrices(actor));

export const PUT = route({ role: "ADMIN", body: ZReplaceModelPricesBody }, ({ actor, body }) =>
  replaceModelPrices(actor, body),
);
