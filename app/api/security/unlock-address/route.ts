// POST /api/security/unlock-address: lift the sign-in, invitation and API-key locks of a client address (admin).
import { route } from "@/lib/http/route";
import { ZUnlockAddressBody } from "@/lib/users/schemas";
import { unlockAddress } from "@/lib/users/locks";

export const POST = route({ role: "ADMIN", body: ZUnlockAddressBody }, ({ actor, body }) =>
  unlockAddress(actor, body.address),
);
