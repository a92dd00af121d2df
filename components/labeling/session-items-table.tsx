"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { MessagesSquare, Star } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { ItemStatusDto } from "@/lib/labeling/item-status/types";
import { GoldDialog } from "./gold-dialog";
import { labelingKeys } from "./query-keys";
import { UserPicker } from "./user-picker";

type Page = { labelsPerItem: number; items: ItemStatusDto[]; nextPageToken?: string };

const STATUS_TEXT: Record<ItemStatusDto["reviewers"][number]["status"], string> = {
  IN_PROGRESS: "in progress",
  COMPLETED: "submitted",
  SKIPPED: "skipped",
};
const STATUS_CLASS: Record<ItemStatusDto["reviewers"][number]["status"], string> = {
  IN_PROGRESS: "bg-amber-50 text-amber-900",
  COMPLETED: "bg-emerald-50 text-emerald-900",
  SKIPPED: "bg-slate-100 text-slate-700",
};

/**
 * The admin's view of a session's items: each reviewer's status, labels in vs required, gold
 * and adjudication marks, and the actions a stuck queue needs (release, reassign, remove).
 */
export function SessionItemsTable({
  sessionId,
  experimentId,
  schemaNames,
}: {
  sessionId: string;
  experimentId: string;
  schemaNames: string[];
}) {
  const client = useQueryClient();
  const base = `/api/labeling/sessions/${sessionId}`;
  const key = labelingKeys.session(sessionId);
  const items = useInfiniteQuery({
    queryKey: [...key, "item-status"],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>(
        `${base}/item-status?maxResults=100${pageParam ? `&pageToken=${encodeURIComponent(pageParam)}` : ""}`,
        signal,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextPageToken || undefined,
  });
  // Every change here moves progress, results and agreement too: refresh the whole session.
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const release = useMutation({
    mutationFn: ({ itemId, userId }: { itemId: string; userId: string }) =>
      api.post(`${base}/items/${itemId}/release`, { userId }),
    onSuccess: () => toast.success("Released: the item is back in the queue."),
    onError: (err) => toast.error(`Could not release the item: ${errorMessage(err)}`),
    onSettled: refresh,
  });
  const reassign = useMutation({
    mutationFn: ({ itemId, fromUserId, toUser }: { itemId: string; fromUserId?: string; toUser: string }) =>
      api.post(`${base}/items/${itemId}/reassign`, { fromUserId, toUser }),
    onSuccess: () => toast.success("Reassigned: it is their next item."),
    onError: (err) => toast.error(`Could not reassign the item: ${errorMessage(err)}`),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (itemId: string) => api.delete(`${base}/items`, { itemIds: [itemId] }),
    onError: (err) => toast.error(`Could not remove the item: ${errorMessage(err)}`),
    onSettled: refresh,
  });
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.error)
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(items.error)}
      </p>
    );
  if (!items.data)
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading…
      </p>
    );
  if (!rows.length) return <p className="text-sm text-slate-500">No items yet: add traces or conversations above.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="session-items">
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
          <tr>
            <th className="px-2 py-2">#</th>
            <th className="px-2 py-2">Item</th>
            <th className="px-2 py-2">Reviewers</th>
            <th className="px-2 py-2">Labels</th>
            <th className="px-2 py-2">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.itemId}
              className="border-t border-slate-200 align-top"
              data-testid="item-row"
              data-item-id={r.itemId}
            >
              <td className="px-2 py-1.5 text-slate-500">{r.position + 1}</td>
              <td className="max-w-xs px-2 py-1.5">
                <Link
                  className="font-mono text-xs text-indigo-700 underline"
                  href={`/experiments/${experimentId}/traces/${r.traceId}`}
                >
                  {r.traceId}
                </Link>
                <span className="mt-0.5 flex flex-wrap gap-1">
                  {r.conversationId ? (
                    <span className="inline-flex items-center gap-1 rounded bg-sky-50 px-1.5 text-xs text-sky-900">
                      <MessagesSquare aria-hidden className="h-3 w-3" /> conversation {r.conversationId}
                    </span>
                  ) : null}
                  {r.gold ? (
                    <span className="inline-flex items-center gap-1 rounded bg-yellow-50 px-1.5 text-xs text-yellow-900">
                      <Star aria-hidden className="h-3 w-3" /> gold
                    </span>
                  ) : null}
                  {r.adjudication ? (
                    <span className="rounded bg-violet-50 px-1.5 text-xs text-violet-900">
                      {r.adjudication === "OPEN" ? "awaiting adjudication" : "adjudicated"}
                    </span>
                  ) : null}
                </span>
                <span className="line-clamp-2 text-xs text-slate-600">{r.requestPreview}</span>
              </td>
              <td className="px-2 py-1.5">
                {r.reviewers.length ? null : <span className="text-xs text-slate-500">nobody yet</span>}
                <ul className="flex flex-col gap-1">
                  {r.reviewers.map((c) => (
                    <li key={c.userId} className="flex flex-wrap items-center gap-1.5" data-testid="item-reviewer">
                      <span className="text-xs">{c.email}</span>
                      <span className={`rounded px-1.5 text-xs ${STATUS_CLASS[c.status]}`}>
                        {STATUS_TEXT[c.status]}
                      </span>
                      {c.status !== "COMPLETED" ? (
                        <button
                          type="button"
                          className="text-xs text-indigo-700 underline"
                          onClick={() => release.mutate({ itemId: r.itemId, userId: c.userId })}
                        >
                          Release
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-2 py-1.5 text-xs">
                <span className={r.labels >= r.required ? "text-emerald-700" : "text-slate-700"}>
                  {r.labels} of {r.required}
                </span>
              </td>
              <td className="px-2 py-1.5">
                <div className="flex flex-wrap gap-1">
                  <Popover>
                    <PopoverTrigger asChild>
                      <Button variant="ghost" className="px-2 py-0.5 text-xs">
                        Reassign
                      </Button>
                    </PopoverTrigger>
                    <PopoverContent align="start" className="w-80">
                      <UserPicker
                        single
                        label="Give this item to"
                        value={[]}
                        onChange={([u]) =>
                          u &&
                          reassign.mutate({
                            itemId: r.itemId,
                            toUser: u.id,
                            fromUserId: r.reviewers.find((c) => c.status === "IN_PROGRESS")?.userId,
                          })
                        }
                      />
                      <p className="mt-2 text-xs text-slate-500">
                        An unfinished claim moves from its reviewer to this person.
                      </p>
                    </PopoverContent>
                  </Popover>
                  <GoldDialog sessionId={sessionId} itemId={r.itemId} gold={r.gold} schemaNames={schemaNames} />
                  <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => remove.mutate(r.itemId)}>
                    Remove
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-2"
          disabled={items.isFetchingNextPage}
          onClick={() => void items.fetchNextPage()}
        >
          Load more
        </Button>
      ) : null}
    </div>
  );
}
