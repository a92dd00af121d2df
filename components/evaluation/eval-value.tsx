"use client";

import { ChatView } from "@/components/traces/content/chat-view";
import { JsonView } from "@/components/traces/content/json-view";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import { extractAssistantText } from "@/lib/evaluation/scorers/text";
import { normalizeConversation } from "@/lib/traces/render/conversation";

export type EvalValueRole = "inputs" | "outputs" | "expectations";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Text when the value is text, or an object with a single text field (`{question: "..."}`). */
function soleText(value: unknown): { key: string | null; text: string } | null {
  if (typeof value === "string") return { key: null, text: value };
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && typeof entries[0]![1] === "string")
      return { key: entries[0]![0], text: entries[0]![1] };
  }
  return null;
}

function Labelled({ label, children }: { label: string | null; children: React.ReactNode }) {
  return (
    <div>
      {label ? <div className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{label}</div> : null}
      {children}
    </div>
  );
}

function Formatted({ value, role }: { value: unknown; role: EvalValueRole }) {
  if (value === null || value === undefined || value === "")
    return <p className="text-sm italic text-slate-500">None</p>;
  if (role === "inputs") {
    const messages = normalizeConversation(value, undefined);
    if (messages?.length) return <ChatView messages={messages} />;
  }
  if (role === "outputs") {
    const messages = normalizeConversation(undefined, value);
    if (messages?.length) return <ChatView messages={messages} />;
    const text = extractAssistantText(value);
    if (text !== undefined) return <MarkdownText>{text}</MarkdownText>;
  }
  const sole = soleText(value);
  if (sole)
    return (
      <Labelled label={sole.key}>
        <MarkdownText>{sole.text}</MarkdownText>
      </Labelled>
    );
  if (role === "expectations" && isRecord(value))
    return (
      <div className="space-y-1.5">
        {Object.entries(value).map(([k, v]) => (
          <Labelled key={k} label={k}>
            {typeof v === "string" ? <MarkdownText>{v}</MarkdownText> : <JsonView value={v} collapsedLines={8} />}
          </Labelled>
        ))}
      </div>
    );
  return <JsonView value={value} collapsedLines={12} />;
}

/**
 * One cell of an evaluation table: chat inputs as messages, text as sanitised markdown,
 * expectations key by key, anything else as JSON; `raw` shows the exact JSON. Untrusted content
 * goes only through the trace explorer's safe components (no HTML from the data runs).
 */
export function EvalValue({ value, role, raw = false }: { value: unknown; role: EvalValueRole; raw?: boolean }) {
  return (
    <div className="max-h-72 overflow-y-auto text-sm" data-testid={`eval-${role}`}>
      {raw ? <JsonView value={value ?? null} exact /> : <Formatted value={value} role={role} />}
    </div>
  );
}
