"use client";

import Link from "next/link";
import { useEffect } from "react";

/** What a screen shows while its server part loads (Next.js `loading.tsx`). */
export function PageLoading({ what }: { what: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="animate-pulse rounded-lg bg-white p-6 text-sm text-slate-500 ring-1 ring-slate-200"
    >
      Loading {what}…
    </div>
  );
}

/**
 * What a screen shows when loading it failed (Next.js `error.tsx`). In production Next.js hides a server
 * error's message from the browser; the digest is what the server log prints next to the real error.
 */
export function PageError({
  what,
  error,
  reset,
  back,
}: {
  what: string;
  error: Error & { digest?: string };
  reset: () => void;
  back?: { href: string; label: string };
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const hidden = Boolean(error.digest);
  return (
    <div role="alert" className="rounded-lg bg-white p-6 ring-1 ring-red-200">
      <h2 className="text-base font-semibold text-red-800">Could not load {what}</h2>
      <p className="mt-2 text-sm text-slate-700">
        {hidden
          ? "The server failed while preparing this page. Try again; if it keeps failing, the server log has the details"
          : error.message}
        {hidden ? (
          <>
            {" "}
            (look for <code className="font-mono">{error.digest}</code>).
          </>
        ) : null}
      </p>
      <div className="mt-4 flex gap-3 text-sm">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
        >
          Try again
        </button>
        {back ? (
          <Link href={back.href} className="px-1 py-1.5 text-indigo-700 hover:underline">
            {back.label}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
