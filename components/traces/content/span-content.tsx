"use client";

import { useMemo, useState, type ReactNode } from "react";
import { ChatView } from "@/components/traces/content/chat-view";
import { DocumentList } from "@/components/traces/content/document-list";
import { JsonView } from "@/components/traces/content/json-view";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import { ToolCallCard } from "@/components/traces/content/tool-call-card";
import { pickSpanView } from "@/lib/traces/render/span-view";

export type SpanContentMode = "formatted" | "raw";

export interface SpanContentProps {
  /** `mlflow.spanType`, e.g. "CHAT_MODEL", "RETRIEVER", "TOOL". */
  spanType?: string | null;
  spanName?: string | null;
  /** Decoded `mlflow.spanInputs` / `mlflow.spanOutputs`. */
  inputs: unknown;
  outputs: unknown;
  /** `mlflow.message.format`, a hint for the chat normaliser. */
  messageFormat?: string | null;
  defaultMode?: SpanContentMode;
  className?: string;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-1.5">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </section>
  );
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** A payload in formatted mode: text reads as markdown, structures as JSON. */
function Payload({ value }: { value: unknown }) {
  if (isEmpty(value)) return <p className="text-sm italic text-slate-500">None</p>;
  if (typeof value === "string") return <MarkdownText>{value}</MarkdownText>;
  return <JsonView value={value} />;
}

function ModeToggle({ mode, onChange }: { mode: SpanContentMode; onChange: (mode: SpanContentMode) => void }) {
  const options: { value: SpanContentMode; label: string }[] = [
    { value: "formatted", label: "Formatted" },
    { value: "raw", label: "Raw JSON" },
  ];
  return (
    <div
      role="group"
      aria-label="Display mode"
      className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5"
    >
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={mode === option.value}
          onClick={() => onChange(option.value)}
          className={`rounded px-2.5 py-1 text-xs font-medium transition-colors ${
            mode === option.value ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800"
          }`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/**
 * The inputs/outputs of one span. "Formatted" picks a chat, document list or tool-call card from
 * the span type and the normalisers in `lib/traces/render`; "Raw JSON" always shows the payloads
 * exactly, because a normaliser can be wrong and reviewers must be able to check.
 */
export function SpanContent({
  spanType,
  spanName,
  inputs,
  outputs,
  messageFormat,
  defaultMode = "formatted",
  className,
}: SpanContentProps) {
  const [mode, setMode] = useState<SpanContentMode>(defaultMode);
  const view = useMemo(
    () => pickSpanView({ spanType, name: spanName, inputs, outputs, messageFormat }),
    [spanType, spanName, inputs, outputs, messageFormat],
  );

  let body: ReactNode;
  if (mode === "raw") {
    body = (
      <>
        <Section title="Inputs">
          <JsonView value={inputs} exact />
        </Section>
        <Section title="Outputs">
          <JsonView value={outputs} exact />
        </Section>
      </>
    );
  } else if (view.kind === "chat") {
    body = <ChatView messages={view.messages} />;
  } else if (view.kind === "documents") {
    body = (
      <>
        <Section title="Query">
          <Payload value={view.query} />
        </Section>
        <Section title={`Documents (${view.documents.length})`}>
          <DocumentList documents={view.documents} />
        </Section>
      </>
    );
  } else if (view.kind === "tool") {
    body = (
      <ToolCallCard
        name={view.call.name}
        id={view.call.id}
        arguments={view.call.arguments}
        result={view.call.result === undefined ? null : view.call.result}
      />
    );
  } else {
    body = (
      <>
        <Section title="Inputs">
          <Payload value={inputs} />
        </Section>
        <Section title="Outputs">
          <Payload value={outputs} />
        </Section>
      </>
    );
  }

  return (
    <div className={`flex flex-col gap-3 ${className ?? ""}`}>
      <div className="flex justify-end">
        <ModeToggle mode={mode} onChange={setMode} />
      </div>
      {body}
    </div>
  );
}
