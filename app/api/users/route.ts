// GET /api/users: list users (admin). POST /api/users: create a user (admin); returns a generated password once.
import { route } from "@/lib/http/route";
import { ZPageQuery } from "@/lib/paging/schemas";
import { ZCreateUserBody } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = route({ role: "ADMIN", query: ZPageQuery }, ({ actor, query }) => listUsers(actor, query));
export const POST = route({ role: "ADMIN", body: ZCreateUserBody }, ({ actor, body }) => createUser(actor, body));
