// POST /api/invitations/accept: public; turns an invitation token into an account.
import { route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/users/invitations/service";
import { ZAcceptInvitationBody } from "@/lib/users/schemas";

export const POST = route({ role: "PUBLIC", body: ZAcceptInvitationBody }, ({ body }) => acceptInvitation(body));
