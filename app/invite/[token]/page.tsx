import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { getInvitation } from "@/lib/users/invitations/service";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await getInvitation(token);
  return (
    <div className="flex min-h-full items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="mb-4 text-lg font-semibold">Join Tracelight</h1>
        {invitation ? (
          <AcceptInvitationForm token={token} email={invitation.email} />
        ) : (
          <p className="text-sm text-slate-600">
            This invitation link is unknown, already used or expired. Ask an admin for a new one.
          </p>
        )}
      </div>
    </div>
  );
}
