// POST /api/users/:userId/unlock: lift a sign-in lock after too many failed sign-ins (admin).
import { route } from "@/lib/http/route";
import { unlockUser } from "@/lib/users/locks";

export const POST = route({ role: "ADMIN" }, ({ actor, params }) => unlockUser(actor, String(params.userId)));
