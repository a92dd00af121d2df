"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { ArrowLeft, SquareArrowOutUpRight } from "lucide-react";
import { AssessmentChip } from "@/components/assessments/assessment-chip";
import { errorMessage } from "@/components/ui/api-client";
import { ChatView } from "@/components/traces/content/chat-view";
import { formatDuration } from "@/components/traces/table/trace-columns";
import { TraceDrawer } from "@/components/traces/trace-view/trace-drawer";
import { formatUsd } from "@/lib/costs/match-price";
import type { ConversationTurnDto } from "@/lib/conversations/schemas";
import type { ChatMessage } from "@/lib/traces/render/types";
import { FeedbackSummary } from "./feedback-summary";
import { useConversation } from "./use-conversations";

function turnMessages(turn: ConversationTurnDto): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (turn.question) out.push({ role: "user", content: turn.question });
  if (turn.answer) out.push({ role: "assistant", content: turn.answer });
  return out;
}

/**
 * One conversation read as a chat: each turn's question and answer (rendered by the shared,
 * sanitising chat view), with its trace one click away in the drawer (`?trace=` in the URL).
 */
export function ConversationView({
  experimentId,
  sessionId,
  canEdit,
}: {
  experimentId: string;
  sessionId: string;
  canEdit: boolean;
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const openTraceId = params.get("trace");
  const spanId = params.get("span");
  const { data, error } = useConversation(experimentId, sessionId);
  const setParams = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) {
        if (v == null) next.delete(k);
        else next.set(k, v);
      }
      const s = next.toString();
      window.history.replaceState(null, "", s ? `${pathname}?${s}` : pathname);
    },
    [params, pathname],
  );

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load this session: {errorMessage(error)}
      </p>
    );
  if (!data)
    return (
      <p role="status" className="animate-pulse text-sm text-slate-500">
        Loading session…
      </p>
    );
  const { summary, turns } = data;
  return (
    <div>
      <Link
        href={`/experiments/${experimentId}/sessions`}
        className="mb-2 inline-flex items-center gap-1 text-xs text-indigo-600 hover:underline"
      >
        <ArrowLeft aria-hidden className="h-3.5 w-3.5" />
        All sessions
      </Link>
      <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-1 rounded-lg bg-white px-4 py-3 text-sm ring-1 ring-slate-200">
        <div>
          <dt className="text-xs text-slate-500">Turns</dt>
          <dd data-testid="session-turns">{summary.turnCount}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Duration</dt>
          <dd>{formatDuration(summary.durationMs)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Started</dt>
          <dd>{new Date(summary.firstTimestampMs).toLocaleString()}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Users</dt>
          <dd>{summary.users.join(", ") || "—"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Cost</dt>
          <dd>{summary.costUsd == null ? "—" : formatUsd(summary.costUsd)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Feedback</dt>
          <dd>
            <FeedbackSummary feedback={summary.feedback} />
          </dd>
        </div>
      </dl>
      {data.truncated ? (
        <p className="mb-3 text-sm text-amber-700">
          Showing the first {turns.length} turns; filter the traces by this session to see the rest.
        </p>
      ) : null}
      <ol className="space-y-4" aria-label="Turns">
        {turns.map((turn, i) => (
          <li key={turn.trace.traceId} className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid="turn">
            <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-slate-500">
              <span className="font-semibold text-slate-700">Turn {i + 1}</span>
              <span>{new Date(turn.trace.timestampMs).toLocaleTimeString()}</span>
              <span>{formatDuration(turn.trace.executionTimeMs)}</span>
              {turn.trace.state === "ERROR" ? <span className="text-red-700">ERROR</span> : null}
              {turn.trace.assessments
                .filter((a) => a.valid && a.kind === "FEEDBACK")
                .map((a) => (
                  <AssessmentChip key={a.assessmentId} assessment={a} />
                ))}
              <button
                type="button"
                className="ml-auto inline-flex items-center gap-1 text-indigo-600 hover:underline"
                onClick={() => setParams({ trace: turn.trace.traceId, span: null })}
                aria-label={`Open the trace of turn ${i + 1}`}
              >
                <SquareArrowOutUpRight aria-hidden className="h-3.5 w-3.5" />
                Open trace
              </button>
            </div>
            {turn.question || turn.answer ? (
              <ChatView messages={turnMessages(turn)} />
            ) : (
              <p className="text-sm italic text-slate-500">No readable question or answer; open the trace.</p>
            )}
          </li>
        ))}
      </ol>
      {openTraceId ? (
        <TraceDrawer
          experimentId={experimentId}
          traceId={openTraceId}
          spanId={spanId}
          canEdit={canEdit}
          onSelectSpan={(id) => setParams({ span: id })}
          onClose={() => setParams({ trace: null, span: null })}
        />
      ) : null}
    </div>
  );
}
