// DELETE /api/api-keys/:keyId: revoke one of the caller's keys (admins: anyone's).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { revokeApiKey } from "@/lib/users/api-keys/service";

export const DELETE = route({ role: "REVIEWER", params: pathParams("keyId") }, ({ actor, params }) =>
  revokeApiKey(actor, params.keyId),
);
