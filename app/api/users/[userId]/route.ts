// PATCH /api/users/:userId: change a user's role, name or disabled state (admin).
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZUpdateUserBody } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/service";

export const PATCH = route(
  { role: "ADMIN", body: ZUpdateUserBody, params: pathParams("userId") },
  ({ actor, body, params }) => updateUser(actor, params.userId, body),
);
