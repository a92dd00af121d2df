import { z } from "zod";
import { route } from "@/lib/http/route";
import { listAssignableUsers } from "@/lib/users/service";

const ZUserSearchQuery = z.object({ q: z.string().trim().max(320, "must be at most 320 characters").default("") });

// GET /api/users/search?q=: enabled users whose email or name contains q (developers and admins pick reviewers with it).
export const GET = route({ role: "DEVELOPER", query: ZUserSearchQuery }, async ({ actor, query }) => ({
  users: await listAssignableUsers(actor, query.q),
}));
