import { CornerDownRight } from "lucide-react";
import { JsonView } from "@/components/traces/content/json-view";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import { ToolCallCard } from "@/components/traces/content/tool-call-card";
import type { ChatMessage, ChatRole } from "@/lib/traces/render/types";
import { parseMaybeJson } from "@/lib/traces/render/util";

export interface ChatViewProps {
  messages: ChatMessage[];
  className?: string;
}

const ROLE_STYLE: Record<ChatRole, { label: string; bubble: string; badge: string; align: string }> = {
  system: { label: "System", bubble: "border-slate-200 bg-slate-50", badge: "text-slate-500", align: "mr-auto" },
  user: { label: "User", bubble: "border-slate-300 bg-slate-100", badge: "text-slate-700", align: "ml-auto" },
  assistant: { label: "Assistant", bubble: "border-slate-200 bg-white", badge: "text-sky-700", align: "mr-auto" },
  tool: {
    label: "Tool",
    bubble: "border-dashed border-slate-300 bg-slate-50",
    badge: "text-amber-700",
    align: "mr-auto",
  },
};

function MessageBody({ message }: { message: ChatMessage }) {
  if (message.content === "") return null;
  // Tool results are usually JSON; pretty-print them instead of treating them as prose.
  if (message.role === "tool") return <JsonView value={parseMaybeJson(message.content)} collapsedLines={12} />;
  return <MarkdownText>{message.content}</MarkdownText>;
}

/** A conversation as role-labelled bubbles, with tool calls shown as cards under their message. */
export function ChatView({ messages, className }: ChatViewProps) {
  if (messages.length === 0) return <p className="text-sm text-slate-500">No messages.</p>;
  return (
    <ol className={`flex flex-col gap-3 ${className ?? ""}`} aria-label="Conversation">
      {messages.map((message, index) => {
        const style = ROLE_STYLE[message.role];
        return (
          // Messages have no stable id across providers; order is their identity.
          <li key={index} className={`w-full max-w-[90%] rounded-lg border px-3 py-2 ${style.bubble} ${style.align}`}>
            <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs">
              <span className={`font-semibold uppercase tracking-wide ${style.badge}`}>{style.label}</span>
              {message.name && <span className="font-mono text-slate-600">{message.name}</span>}
              {message.toolCallId && (
                <span className="font-mono text-slate-500">
                  <CornerDownRight aria-hidden className="inline size-3" /> {message.toolCallId}
                </span>
              )}
            </div>
            <MessageBody message={message} />
            {message.toolCalls && message.toolCalls.length > 0 && (
              <div className="mt-2 flex flex-col gap-2">
                {message.toolCalls.map((call, i) => (
                  <ToolCallCard
                    key={`${call.id}-${i}`}
                    name={call.name}
                    id={call.id || undefined}
                    arguments={call.arguments}
                  />
                ))}
              </div>
            )}
            {message.content === "" && !message.toolCalls && <p className="text-sm italic text-slate-500">(empty)</p>}
          </li>
        );
      })}
    </ol>
  );
}
