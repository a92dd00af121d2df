// GET /api/api-keys: the caller's API keys. POST /api/api-keys: create one; the key is in the answer once.
import { route } from "@/lib/http/route";
import { createApiKey, listApiKeys } from "@/lib/users/api-keys/service";
import { ZCreateApiKeyBody } from "@/lib/users/schemas";

export const GET = route({ role: "REVIEWER" }, async ({ actor }) => ({ apiKeys: await listApiKeys(actor) }));
export const POST = route({ role: "REVIEWER", body: ZCreateApiKeyBody }, ({ actor, body }) =>
  createApiKey(actor, body.name),
);
