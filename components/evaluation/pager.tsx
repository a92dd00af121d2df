"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** Previous/next page controls; `[` and `]` flip pages when focus is not in a field. */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest("input, textarea, select, [contenteditable]")) return;
      if (e.key === "[" && page > 1) onPage(page - 1);
      if (e.key === "]" && page < last) onPage(page + 1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [page, last, onPage]);
  if (total <= pageSize) return null;
  return (
    <div className="mt-3 flex items-center gap-2 text-sm text-slate-600">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)} title="Previous page ([)">
        <ChevronLeft aria-hidden className="h-4 w-4" />
        Prev
      </Button>
      <span>
        Page {page} of {last} · {total} in all
      </span>
      <Button variant="secondary" disabled={page >= last} onClick={() => onPage(page + 1)} title="Next page (])">
        Next
        <ChevronRight aria-hidden className="h-4 w-4" />
      </Button>
    </div>
  );
}
