// POST /api/users/:userId/password: set a new password (admins for anyone, a user for themselves); ends the user's sessions.
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { ZResetPasswordBody } from "@/lib/users/schemas";
import { resetPasswordById } from "@/lib/users/service";

export const POST = route(
  { role: "REVIEWER", body: ZResetPasswordBody, params: pathParams("userId") },
  ({ actor, body, params }) => resetPasswordById(actor, params.userId, body.password),
);
