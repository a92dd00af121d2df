"use client";

import { useMemo, useState } from "react";
import { toPrettyJson } from "@/lib/traces/render/pretty-json";

export interface JsonViewProps {
  value: unknown;
  /** Lines shown before the view collapses (default 20). */
  collapsedLines?: number;
  /** Characters shown before collapsing, for long single-line values (default 4000). */
  collapsedChars?: number;
  /** Show strings JSON-encoded (with quotes/escapes) instead of as plain text; for "Raw JSON". */
  exact?: boolean;
  className?: string;
}

/**
 * Pretty-printed JSON in a <pre>. Long values start collapsed: span payloads can be megabytes
 * (whole documents, base64 images) and rendering them in full makes the detail pane unusable.
 */
export function JsonView({
  value,
  collapsedLines = 20,
  collapsedChars = 4000,
  exact = false,
  className,
}: JsonViewProps) {
  const [expanded, setExpanded] = useState(false);
  const text = useMemo(
    () => (exact && typeof value === "string" ? JSON.stringify(value) : toPrettyJson(value)),
    [value, exact],
  );
  const lines = useMemo(() => text.split("\n"), [text]);
  const isLong = lines.length > collapsedLines || text.length > collapsedChars;

  let shown = text;
  if (isLong && !expanded) {
    shown = lines.slice(0, collapsedLines).join("\n");
    if (shown.length > collapsedChars) shown = shown.slice(0, collapsedChars);
    shown += "\n…";
  }

  return (
    <div className={className}>
      <pre className="max-w-full overflow-x-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800">
        {shown}
      </pre>
      {isLong && (
        <button
          type="button"
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          className="mt-1 text-xs font-medium text-slate-600 hover:text-slate-900"
        >
          {expanded
            ? "Show less"
            : `Show all (${lines.length.toLocaleString()} lines, ${text.length.toLocaleString()} chars)`}
        </button>
      )}
    </div>
  );
}
