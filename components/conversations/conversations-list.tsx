"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { ChevronLeft, ChevronRight, MessagesSquare } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/components/ui/api-client";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDuration } from "@/components/traces/table/trace-columns";
import { formatUsd } from "@/lib/costs/match-price";
import { FeedbackSummary } from "./feedback-summary";
import { useConversationList } from "./use-conversations";

/**
 * The Sessions screen: conversations (traces sharing a session id), most recently active first,
 * filtered with the traces grammar. The filter and page live in the URL (`?q=&page=`).
 */
export function ConversationsList({ experimentId }: { experimentId: string }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const q = params.get("q") ?? "";
  const page = Math.max(1, Math.floor(Number(params.get("page"))) || 1);
  const { data, error, isFetching } = useConversationList(experimentId, q, page);
  const [text, setText] = useState(q);
  const [textFor, setTextFor] = useState(q);
  if (textFor !== q) {
    setTextFor(q);
    setText(q);
  }
  const setParams = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v == null || v === "") next.delete(k);
        else next.set(k, v);
      }
      const s = next.toString();
      window.history.replaceState(null, "", s ? `${pathname}?${s}` : pathname);
    },
    [params, pathname],
  );
  const conversations = error ? [] : (data?.conversations ?? []);
  const position =
    error instanceof ApiError ? ((error.body as { details?: { position?: number } })?.details?.position ?? null) : null;

  return (
    <div>
      <form
        className="mb-3 flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: text, page: null });
        }}
      >
        <div className="min-w-[24rem] flex-1">
          <input
            aria-label="Filter sessions"
            aria-invalid={Boolean(error)}
            placeholder="Filter turns, e.g. tags.env = 'prod' or feedback.user_feedback = false"
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={`block w-full rounded-md border bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus:outline-none focus:ring-1 ${error ? "border-red-400 focus:ring-red-400" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500"}`}
          />
          {error ? (
            <div role="alert" data-testid="filter-error" className="mt-1 text-xs text-red-700">
              {errorMessage(error)}
              {position != null && position <= q.length ? (
                <pre className="mt-1 overflow-x-auto font-mono text-xs text-slate-700">
                  {q}
                  {"\n"}
                  {" ".repeat(position)}^
                </pre>
              ) : null}
            </div>
          ) : null}
        </div>
        <Button type="submit">Search</Button>
      </form>
      <p className="mb-2 text-sm text-slate-600" data-testid="session-count">
        {isFetching && !data ? (
          <span role="status" className="animate-pulse">
            Loading sessions…
          </span>
        ) : (
          `${conversations.length} session${conversations.length === 1 ? "" : "s"} on page ${page}`
        )}
      </p>
      {data && !error && conversations.length === 0 ? (
        q ? (
          <EmptyState
            title="No sessions match this filter"
            action={
              <Button variant="secondary" onClick={() => setParams({ q: null, page: null })}>
                Clear filter
              </Button>
            }
          >
            A session is listed when one of its turns matches, e.g. <code>tags.env = &apos;prod&apos;</code>.
          </EmptyState>
        ) : (
          <EmptyState title="No sessions yet">
            A session is a conversation: the traces that carry the same session id. Send it with each trace as metadata{" "}
            <code>mlflow.trace.session</code> (MLflow:{" "}
            <code>
              mlflow.update_current_trace(metadata={"{"}&quot;mlflow.trace.session&quot;: id{"}"})
            </code>
            ), or as the span attribute <code>session.id</code> (OpenInference) or <code>gen_ai.conversation.id</code>{" "}
            (OpenTelemetry GenAI).
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="w-full text-left text-sm" aria-label="Sessions">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">Session</th>
                <th className="px-3 py-2 font-medium">First question</th>
                <th className="px-3 py-2 text-right font-medium">Turns</th>
                <th className="px-3 py-2 text-right font-medium">Duration</th>
                <th className="px-3 py-2 font-medium">Last activity</th>
                <th className="px-3 py-2 font-medium">Feedback</th>
                <th className="px-3 py-2 font-medium">Users</th>
                <th className="px-3 py-2 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody>
              {conversations.map((c) => (
                <tr key={c.sessionId} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link
                      href={`/experiments/${experimentId}/sessions/${encodeURIComponent(c.sessionId)}`}
                      className="inline-flex items-center gap-1.5 font-mono text-xs text-indigo-700 hover:underline"
                    >
                      <MessagesSquare aria-hidden className="h-3.5 w-3.5" />
                      {c.sessionId}
                    </Link>
                  </td>
                  <td className="max-w-md px-3 py-2">
                    <span className="line-clamp-2">{c.firstQuestion}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="turn-count">
                    {c.turnCount}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatDuration(c.durationMs)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">
                    {new Date(c.lastTimestampMs).toLocaleString()}
                  </td>
                  <td className="px-3 py-2">
                    <FeedbackSummary feedback={c.feedback} />
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {c.users.slice(0, 3).join(", ")}
                    {c.users.length > 3 ? ` +${c.users.length - 3}` : ""}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums text-xs">
                    {c.costUsd == null ? "—" : formatUsd(c.costUsd)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-3 flex items-center gap-2 text-sm">
        <Button variant="secondary" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>
          <ChevronLeft aria-hidden className="h-4 w-4" />
          Newer
        </Button>
        <span>Page {page}</span>
        <Button
          variant="secondary"
          disabled={!data?.nextPageToken}
          onClick={() => setParams({ page: String(page + 1) })}
        >
          Older
          <ChevronRight aria-hidden className="h-4 w-4" />
        </Button>
      </nav>
    </div>
  );
}
