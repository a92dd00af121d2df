"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES } from "@/lib/traces/explorer-query";
import type { CountTracesResult } from "@/lib/traces/schemas";

interface Props {
  page: number;
  pageSize: number;
  shown: number;
  hasNext: boolean;
  count: CountTracesResult | undefined;
  /** To the next (1) or previous (-1) page: keyset pages step one at a time. */
  onPage: (delta: 1 | -1) => void;
  onPageSize: (size: number) => void;
}

/** "Newer / Older" paging, the page size and where the page sits in the total. */
export function TablePager({ page, pageSize, shown, hasNext, count, onPage, onPageSize }: Props) {
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(-1)}>
        <ChevronLeft aria-hidden className="h-4 w-4" />
        Newer
      </Button>
      <span data-testid="page-number">Page {page}</span>
      <Button variant="secondary" disabled={!hasNext} onClick={() => onPage(1)}>
        Older
        <ChevronRight aria-hidden className="h-4 w-4" />
      </Button>
      <span className="text-slate-600" data-testid="page-range">
        {shown > 0 ? `${first.toLocaleString()}–${last.toLocaleString()}` : "None"}
        {count ? ` of ${totalLabel(count)}` : ""}
      </span>
      <label className="ml-auto flex items-center gap-2 text-slate-600">
        Rows per page
        <select
          aria-label="Rows per page"
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

/** "1,234" or "more than 10,000" (counts stop at a bound to stay cheap). */
export function totalLabel(count: CountTracesResult): string {
  return count.capped ? `more than ${count.count.toLocaleString()}` : count.count.toLocaleString();
}
