"use client";

import { useMemo, type ReactNode } from "react";
import { ChatView } from "@/components/traces/content/chat-view";
import { DocumentList } from "@/components/traces/content/document-list";
import { JsonView } from "@/components/traces/content/json-view";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import type { ReviewTraceDto } from "@/lib/labeling/types";
import {
  extractTraceSummary,
  normalizeConversation,
  normalizeDocuments,
  type RetrievedDocument,
} from "@/lib/traces/render";

function Block({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-3">
      <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function display(v: unknown): string {
  if (v === true) return "yes (thumbs up)";
  if (v === false) return "no (thumbs down)";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * The trace as a reviewer reads it: the user's question and the app's answer up front, then
 * earlier conversation turns, the documents the app retrieved, and what end users and others
 * already said (assessments). Everything from the trace is untrusted and shown as text or safe
 * markdown. The full span tree is one click away (`onOpenSpans`).
 */
export function ReviewTracePanel({ trace, onOpenSpans }: { trace: ReviewTraceDto; onOpenSpans: () => void }) {
  const view = useMemo(() => {
    const root = trace.spans.find((s) => s.spanId === trace.rootSpanId) ?? trace.spans[0];
    const chat = root
      ? normalizeConversation(root.inputs, root.outputs, { format: root.messageFormat ?? undefined })
      : null;
    const summary = root ? extractTraceSummary(root.inputs, root.outputs, chat) : { question: null, answer: null };
    // Earlier turns: the conversation before the last user message.
    const lastUser = chat ? chat.map((m) => m.role).lastIndexOf("user") : -1;
    const history = chat && lastUser > 0 ? chat.slice(0, lastUser).filter((m) => m.role !== "system") : [];
    const documents: RetrievedDocument[] = trace.spans
      .filter((s) => s.spanType === "RETRIEVER")
      .flatMap((s) => normalizeDocuments(s.outputs) ?? []);
    return { root, summary, history, documents };
  }, [trace]);
  const { root, summary, history, documents } = view;

  return (
    <div className="flex flex-col gap-3" data-testid="review-trace">
      <div className="flex items-center justify-between text-xs text-slate-500">
        <span className="font-mono" data-testid="review-trace-id">
          {trace.traceId}
        </span>
        <button
          type="button"
          onClick={onOpenSpans}
          className="rounded px-2 py-1 font-medium text-indigo-700 hover:bg-indigo-50"
        >
          Span tree ({trace.spans.length}) <kbd className="ml-1 rounded border border-indigo-200 px-1">T</kbd>
        </button>
      </div>
      {history.length ? (
        <Block title={`Earlier in the conversation (${history.length} messages)`}>
          <ChatView messages={history} />
        </Block>
      ) : null}
      <Block title="Question" testId="review-question">
        {summary.question ? (
          <p className="whitespace-pre-wrap text-sm text-slate-900">{summary.question}</p>
        ) : (
          <JsonView value={root?.inputs ?? null} />
        )}
      </Block>
      <Block title="Answer" testId="review-answer">
        {summary.answer ? (
          <MarkdownText className="text-sm">{summary.answer}</MarkdownText>
        ) : (
          <JsonView value={root?.outputs ?? null} />
        )}
      </Block>
      {documents.length ? (
        <Block title={`Retrieved documents (${documents.length})`}>
          <DocumentList documents={documents} />
        </Block>
      ) : null}
      {trace.assessments.length ? (
        <Block title="Feedback and assessments already on this trace" testId="review-existing-feedback">
          <ul className="flex flex-col gap-1 text-sm">
            {trace.assessments.map((a, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-2">
                <span className="font-medium text-slate-800">{a.name}</span>
                <span className="rounded bg-slate-100 px-1.5 text-xs">{display(a.value)}</span>
                <span className="text-xs text-slate-500">
                  {a.sourceType.toLowerCase()} · {a.mine ? "you" : a.sourceId}
                </span>
                {a.rationale ? (
                  <span className="w-full whitespace-pre-wrap text-xs text-slate-600">“{a.rationale}”</span>
                ) : null}
              </li>
            ))}
          </ul>
        </Block>
      ) : null}
    </div>
  );
}
