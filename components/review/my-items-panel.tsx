"use client";

import { Check, CircleDashed, PencilLine, SkipForward, Users } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import type { MyItemCountsDto, MyItemStatus } from "@/lib/labeling/review/types";
import { useMyItems } from "./use-my-items";

export type ItemFilter = MyItemStatus | "all";

const LABELS: Record<MyItemStatus, { text: string; icon: ReactNode; className: string }> = {
  todo: { text: "To do", icon: <CircleDashed aria-hidden className="h-3 w-3" />, className: "text-slate-600" },
  draft: { text: "Draft", icon: <PencilLine aria-hidden className="h-3 w-3" />, className: "text-amber-700" },
  submitted: { text: "Submitted", icon: <Check aria-hidden className="h-3 w-3" />, className: "text-emerald-700" },
  skipped: { text: "Skipped", icon: <SkipForward aria-hidden className="h-3 w-3" />, className: "text-slate-600" },
  taken: { text: "Labeled by others", icon: <Users aria-hidden className="h-3 w-3" />, className: "text-slate-600" },
};

const FILTERS: { value: ItemFilter; label: string; count: (c: MyItemCountsDto) => number }[] = [
  { value: "all", label: "All", count: (c) => c.total },
  { value: "todo", label: "To do", count: (c) => c.todo },
  { value: "draft", label: "Drafts", count: (c) => c.draft },
  { value: "skipped", label: "Skipped", count: (c) => c.skipped },
  { value: "submitted", label: "Submitted", count: (c) => c.submitted },
];

/**
 * The reviewer's item list beside the item: position, my status, and a filter per status
 * (skipped items have their own bucket and stay reachable). A click opens the item.
 */
export function MyItemsPanel({
  sessionId,
  currentItemId,
  filter,
  onFilter,
  onOpen,
  counts,
}: {
  sessionId: string;
  currentItemId: string | null;
  filter: ItemFilter;
  onFilter: (f: ItemFilter) => void;
  onOpen: (itemId: string) => void;
  counts: MyItemCountsDto | null;
}) {
  const list = useMyItems(sessionId, filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <nav aria-label="Items of this session" className="flex flex-col gap-2" data-testid="my-items">
      <div className="flex flex-wrap gap-1" role="group" aria-label="Show items">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={filter === f.value}
            onClick={() => onFilter(f.value)}
            className={cx(
              "rounded px-1.5 py-0.5 text-xs font-medium",
              filter === f.value ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100",
            )}
          >
            {f.label}
            {counts ? ` (${f.count(counts)})` : ""}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <p className="text-xs text-slate-500" role="status">
          Loading items…
        </p>
      ) : list.isError ? (
        <p className="text-xs text-red-600" role="alert">
          The item list could not be loaded; it retries on its own.
        </p>
      ) : !items.length ? (
        <p className="text-xs text-slate-500">
          {filter === "all" ? "This session has no items yet." : "No items here."}
        </p>
      ) : (
        <ol className="flex max-h-[70vh] flex-col gap-0.5 overflow-y-auto">
          {items.map((i) => {
            const label = LABELS[i.status];
            const current = i.itemId === currentItemId;
            return (
              <li key={i.itemId}>
                <button
                  type="button"
                  onClick={() => onOpen(i.itemId)}
                  aria-current={current ? "true" : undefined}
                  data-testid="my-item"
                  data-status={i.status}
                  className={cx(
                    "flex w-full flex-col rounded px-2 py-1 text-left text-xs hover:bg-slate-100",
                    current && "bg-indigo-50 ring-1 ring-indigo-300",
                  )}
                >
                  <span className="flex items-center gap-1.5">
                    <span className="font-semibold text-slate-700">#{i.position + 1}</span>
                    <span className={cx("inline-flex items-center gap-0.5", label.className)}>
                      {label.icon}
                      {label.text}
                    </span>
                  </span>
                  <span className="truncate text-slate-600">{i.requestPreview ?? i.traceId}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {list.hasNextPage ? (
        <Button variant="ghost" className="text-xs" onClick={() => void list.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </nav>
  );
}
