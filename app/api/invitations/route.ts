// POST /api/invitations: invite someone by email with a role (admin); answers the link token once.
import { route } from "@/lib/http/route";
import { createInvitation } from "@/lib/users/invitations/service";
import { ZCreateInvitationBody } from "@/lib/users/schemas";

export const POST = route({ role: "ADMIN", body: ZCreateInvitationBody }, ({ actor, body }) =>
  createInvitation(actor, body),
);
