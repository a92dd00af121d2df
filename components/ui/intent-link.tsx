"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A `next/link` that prefetches when the pointer or the focus reaches it, not when it scrolls into
 * view. The shell's navigation is on every page: viewport prefetching made each page view render
 * about ten other routes on the server while the page itself was still loading its data (a
 * 50,000-span trace's first paint waited on them; docs/benchmarks.md). A click still navigates
 * client-side; a hovered link is usually prefetched by the time it is clicked.
 */
export function IntentLink({ href, onMouseEnter, onFocus, ...props }: ComponentProps<typeof Link> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        router.prefetch(href);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        router.prefetch(href);
        onFocus?.(e);
      }}
    />
  );
}
