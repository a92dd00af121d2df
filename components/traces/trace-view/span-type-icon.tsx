import {
  ArrowUpDown,
  Binary,
  Bot,
  Circle,
  Database,
  Link,
  Pilcrow,
  Search,
  Sparkles,
  Workflow,
  Wrench,
  type LucideIcon,
} from "lucide-react";

const ICONS: Record<string, [LucideIcon, string]> = {
  LLM: [Sparkles, "bg-violet-100 text-violet-700"],
  CHAT_MODEL: [Sparkles, "bg-violet-100 text-violet-700"],
  RETRIEVER: [Search, "bg-sky-100 text-sky-700"],
  TOOL: [Wrench, "bg-amber-100 text-amber-700"],
  AGENT: [Bot, "bg-rose-100 text-rose-700"],
  CHAIN: [Link, "bg-slate-200 text-slate-700"],
  EMBEDDING: [Binary, "bg-teal-100 text-teal-700"],
  RERANKER: [ArrowUpDown, "bg-sky-100 text-sky-700"],
  PARSER: [Pilcrow, "bg-slate-200 text-slate-700"],
  MEMORY: [Database, "bg-slate-200 text-slate-700"],
  WORKFLOW: [Workflow, "bg-slate-200 text-slate-700"],
};

/** A small icon per span type, so LLM calls, retrievals and tools stand out in the tree (named for screen readers). */
export function SpanTypeIcon({ spanType }: { spanType: string }) {
  const [Icon, style] = ICONS[spanType] ?? [Circle, "bg-slate-100 text-slate-600"];
  return (
    <span
      title={spanType}
      role="img"
      aria-label={spanType}
      className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded ${style}`}
    >
      <Icon aria-hidden className="h-3 w-3" />
    </span>
  );
}
