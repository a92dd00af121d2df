"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/**
 * Previous/next page controls under a numbered-page list. With `shortcuts`, `[` and `]` flip pages
 * when focus is not in a field: give it to one pager per screen, or one key would flip them all.
 * With `noun` the count stays visible ("12 users") when everything fits on one page.
 */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  noun,
  shortcuts = false,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  noun?: string;
  shortcuts?: boolean;
}) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select, [contenteditable]")) return;
      if (e.key === "[" && page > 1) onPage(page - 1);
      if (e.key === "]" && page < last) onPage(page + 1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [page, last, onPage, shortcuts]);
  const count = noun ? `${total} ${noun}` : `${total} in all`;
  if (total <= pageSize) return noun ? <p className="mt-3 text-sm text-slate-600">{count}</p> : null;
  return (
    <div className="mt-3 flex items-center gap-2 text-sm text-slate-600">
      <Button
        variant="secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        title={shortcuts ? "Previous page ([)" : "Previous page"}
      >
        <ChevronLeft aria-hidden className="h-4 w-4" />
        Prev
      </Button>
      <span>
        Page {page} of {last} · {count}
      </span>
      <Button
        variant="secondary"
        disabled={page >= last}
        onClick={() => onPage(page + 1)}
        title={shortcuts ? "Next page (])" : "Next page"}
      >
        Next
        <ChevronRight aria-hidden className="h-4 w-4" />
      </Button>
    </div>
  );
}
