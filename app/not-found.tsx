import Link from "next/link";

export const metadata = { title: "Not found" };

/** HTTP 404 page: unknown URLs, and pages whose trace/experiment/session/dataset/run does not exist (lib/http/page.ts). */
export default function NotFound() {
  return (
    <div className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <p className="text-sm font-medium text-slate-500">Error 404</p>
        <h1 className="mt-1 text-lg font-semibold">This page does not exist</h1>
        <p className="mt-2 text-sm text-slate-600">
          The trace, experiment, labeling session, dataset or run in this link was not found: it may have been deleted,
          or the link is incomplete.
        </p>
        <div className="mt-4 flex gap-4 text-sm">
          <Link href="/" className="text-indigo-700 hover:underline">
            Go to your start page
          </Link>
          <Link href="/review" className="text-indigo-700 hover:underline">
            Your review queue
          </Link>
        </div>
      </div>
    </div>
  );
}
