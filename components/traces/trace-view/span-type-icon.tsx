const ICONS: Record<string, [string, string]> = {
  LLM: ["✦", "bg-violet-100 text-violet-700"],
  CHAT_MODEL: ["✦", "bg-violet-100 text-violet-700"],
  RETRIEVER: ["⌕", "bg-sky-100 text-sky-700"],
  TOOL: ["⚒", "bg-amber-100 text-amber-700"],
  AGENT: ["◎", "bg-rose-100 text-rose-700"],
  CHAIN: ["⛓", "bg-slate-200 text-slate-700"],
  EMBEDDING: ["⋯", "bg-teal-100 text-teal-700"],
  RERANKER: ["⇅", "bg-sky-100 text-sky-700"],
  PARSER: ["¶", "bg-slate-200 text-slate-700"],
  MEMORY: ["▣", "bg-slate-200 text-slate-700"],
  WORKFLOW: ["⎇", "bg-slate-200 text-slate-700"],
};

/** A small glyph per span type, so LLM calls, retrievals and tools stand out in the tree. */
export function SpanTypeIcon({ spanType }: { spanType: string }) {
  const [glyph, style] = ICONS[spanType] ?? ["•", "bg-slate-100 text-slate-500"];
  return (
    <span
      title={spanType}
      aria-label={spanType}
      className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded text-[10px] ${style}`}
    >
      {glyph}
    </span>
  );
}
