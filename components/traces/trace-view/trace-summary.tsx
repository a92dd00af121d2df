import { ChatView } from "@/components/traces/content/chat-view";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import { formatDuration } from "@/components/traces/table/trace-columns";
import { formatUsd } from "@/lib/costs/match-price";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import { extractTraceSummary } from "@/lib/traces/render/summary";
import type { ChatMessage } from "@/lib/traces/render/types";
import type { SpanDto, TraceInfoDto } from "@/lib/traces/schemas";

/**
 * The whole conversation when the root's inputs are a chat (system, user, assistant and tool
 * messages, then the final answer), else the request and the answer.
 */
function conversationOf(root: SpanDto): ChatMessage[] | null {
  const messages = normalizeConversation(root.inputs, root.outputs);
  if (!messages || messages.length === 0) return null;
  // The final answer may be in a shape no chat normaliser reads (`{answer: …}`): add it then.
  const { answer } = extractTraceSummary(root.inputs, root.outputs, messages);
  if (answer) return messages;
  const fallback = extractTraceSummary(null, root.outputs).answer;
  const last = messages[messages.length - 1];
  return fallback && !(last?.role === "assistant" && last.content.trim() === fallback)
    ? [...messages, { role: "assistant", content: fallback }]
    : messages;
}

/** The whole trace as a reviewer reads it: the figures, then the conversation or the request and response. */
export function TraceSummary({ root, info }: { root: SpanDto | undefined; info?: TraceInfoDto }) {
  const conversation = root ? conversationOf(root) : null;
  const summary = root ? extractTraceSummary(root.inputs, root.outputs) : { question: null, answer: null };
  return (
    <div className="space-y-4 p-4" data-testid="trace-summary">
      {info ? (
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div>
            <dt className="text-xs text-slate-500">Latency</dt>
            <dd>{formatDuration(info.executionTimeMs)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Tokens</dt>
            <dd>
              {info.totalTokens == null
                ? "—"
                : `${info.totalTokens} (${info.inputTokens ?? 0} in / ${info.outputTokens ?? 0} out)`}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Cost</dt>
            <dd data-testid="summary-cost">{info.costUsd == null ? "—" : formatUsd(info.costUsd)}</dd>
          </div>
        </dl>
      ) : null}
      {conversation ? (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Conversation ({conversation.length} messages)
          </h3>
          <ChatView messages={conversation} />
        </section>
      ) : (
        <>
          <section>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Request</h3>
            <div className="rounded-md bg-slate-50 p-3">
              {summary.question ? (
                <MarkdownText>{summary.question}</MarkdownText>
              ) : (
                <p className="text-sm italic text-slate-500">No readable request; see the root span&apos;s inputs.</p>
              )}
            </div>
          </section>
          <section>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Response</h3>
            <div className="rounded-md bg-indigo-50/50 p-3">
              {summary.answer ? (
                <MarkdownText>{summary.answer}</MarkdownText>
              ) : (
                <p className="text-sm italic text-slate-500">No readable response; see the root span&apos;s outputs.</p>
              )}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
