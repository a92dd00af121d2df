"use client";

import { MessagesSquare } from "lucide-react";
import { ReviewTracePanel } from "@/components/review/review-trace-panel";
import type { ReviewTraceDto } from "@/lib/labeling/types";

/**
 * A whole conversation as one item: every turn (trace) in time order, each with its question,
 * answer, retrieved documents and the feedback already on it. Answers to the questions on the
 * right are about the conversation as a whole.
 */
export function ConversationPanel({
  conversationId,
  turns,
  truncated,
  onOpenSpans,
}: {
  conversationId: string;
  turns: ReviewTraceDto[];
  truncated: boolean;
  onOpenSpans: () => void;
}) {
  return (
    <div className="flex flex-col gap-3" data-testid="review-conversation">
      <p className="inline-flex items-center gap-2 text-sm text-slate-700">
        <MessagesSquare aria-hidden className="h-4 w-4 text-sky-700" />
        Conversation <span className="font-mono text-xs">{conversationId}</span> · {turns.length} turn
        {turns.length === 1 ? "" : "s"}: answer about the conversation as a whole.
      </p>
      <ol className="flex flex-col gap-4">
        {turns.map((t, i) => (
          <li key={t.traceId} data-testid="conversation-turn" className="rounded-lg border-l-4 border-sky-200 pl-3">
            <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-sky-800">Turn {i + 1}</h2>
            {/* Earlier turns are shown above, so each turn shows only its own exchange. */}
            <ReviewTracePanel trace={t} onOpenSpans={onOpenSpans} hideHistory />
          </li>
        ))}
      </ol>
      {truncated ? (
        <p className="text-xs text-slate-500">
          Only the first {turns.length} turns are shown; open the trace view for the rest.
        </p>
      ) : null}
    </div>
  );
}
