// POST /api/users/:userId/unlock: lift a sign-in lock after too many failed sign-ins (admin).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { unlockUser } from "@/lib/users/locks";

export const POST = route({ role: "ADMIN", params: pathParams("userId") }, ({ actor, params }) =>
  unlockUser(actor, params.userId),
);
