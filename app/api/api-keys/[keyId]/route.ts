// DELETE /api/api-keys/:keyId: revoke one of the caller's keys (admins: anyone's).
import { route } from "@/lib/http/route";
import { revokeApiKey } from "@/lib/users/api-keys/service";

export const DELETE = route({ role: "REVIEWER" }, ({ actor, params }) => revokeApiKey(actor, String(params.keyId)));
