import Link from "next/link";

export const metadata = { title: "No access" };

/** HTTP 403 page: a signed-in user whose role does not open this page (lib/http/page.ts). */
export default function Forbidden() {
  return (
    <div className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <p className="text-sm font-medium text-slate-500">Error 403</p>
        <h1 className="mt-1 text-lg font-semibold">You do not have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your role does not open it: experiments, evaluation and labeling setup are for developers and admins. If you
          need it, ask an admin to change your role in Settings.
        </p>
        <div className="mt-4 flex gap-4 text-sm">
          <Link href="/review" className="text-indigo-700 hover:underline">
            Go to your review queue
          </Link>
          <Link href="/" className="text-indigo-700 hover:underline">
            Start page
          </Link>
        </div>
      </div>
    </div>
  );
}
