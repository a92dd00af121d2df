// POST /api/invitations/accept: public; turns an invitation token into an account (wrong tokens are throttled per address).
import { clientAddress } from "@/lib/auth/client-address";
import { route } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/users/invitations/service";
import { ZAcceptInvitationBody } from "@/lib/users/schemas";

export const POST = route({ role: "PUBLIC", body: ZAcceptInvitationBody }, ({ body, req }) =>
  acceptInvitation(body, clientAddress(req.headers)),
);
