// POST /api/invitations: invite someone by email with a role (admin); answers the link (on the public URL) once.
import { publicOrigin } from "@/lib/http/public-url";
import { route } from "@/lib/http/route";
import { createInvitation } from "@/lib/users/invitations/service";
import { ZCreateInvitationBody } from "@/lib/users/schemas";

export const POST = route({ role: "ADMIN", body: ZCreateInvitationBody }, async ({ actor, body, req }) => {
  const invitation = await createInvitation(actor, body);
  return { ...invitation, url: `${publicOrigin(req)}/invite/${invitation.token}` };
});
