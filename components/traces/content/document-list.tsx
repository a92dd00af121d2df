"use client";

import { useState } from "react";
import { JsonView } from "@/components/traces/content/json-view";
import type { RetrievedDocument } from "@/lib/traces/render/types";
import { safeUrl } from "@/lib/traces/render/safe-url";

export interface DocumentListProps {
  documents: RetrievedDocument[];
  className?: string;
}

// Chunks are often long; a preview keeps the list scannable for reviewers judging relevance.
const PREVIEW_CHARS = 600;

function Source({ source }: { source: string }) {
  // Sources come from retrieved data: link only allow-listed schemes, show the rest as text.
  const href = safeUrl(source);
  const className = "truncate font-mono text-xs";
  return href ? (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow ugc"
      title={source}
      className={`${className} text-sky-700 underline underline-offset-2`}
    >
      {source}
    </a>
  ) : (
    <span title={source} className={`${className} text-slate-600`}>
      {source}
    </span>
  );
}

function DocumentItem({ doc, index }: { doc: RetrievedDocument; index: number }) {
  const [expanded, setExpanded] = useState(false);
  const isLong = doc.content.length > PREVIEW_CHARS;
  const text = isLong && !expanded ? `${doc.content.slice(0, PREVIEW_CHARS)}…` : doc.content;
  const hasMetadata = Object.keys(doc.metadata).length > 0;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-xs font-semibold text-slate-500">#{index + 1}</span>
        {doc.score !== undefined && (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" title="Retrieval score">
            score {Number.isInteger(doc.score) ? doc.score : doc.score.toFixed(3)}
          </span>
        )}
        {doc.source && <Source source={doc.source} />}
        {doc.id && <span className="font-mono text-xs text-slate-500">id {doc.id}</span>}
      </div>
      <p className="whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{text}</p>
      {isLong && (
        <button
          type="button"
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          className="mt-1 text-xs font-medium text-slate-600 hover:text-slate-900"
        >
          {expanded ? "Show less" : "Show full document"}
        </button>
      )}
      {hasMetadata && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium text-slate-500 hover:text-slate-700">Metadata</summary>
          <JsonView value={doc.metadata} collapsedLines={15} className="mt-1" />
        </details>
      )}
    </li>
  );
}

/** Retrieved documents in rank order with score, source link, content preview and metadata. */
export function DocumentList({ documents, className }: DocumentListProps) {
  if (documents.length === 0) return <p className="text-sm text-slate-500">No documents retrieved.</p>;
  return (
    <ol className={`flex flex-col gap-2 ${className ?? ""}`} aria-label="Retrieved documents">
      {documents.map((doc, index) => (
        // Static, rank-ordered list; ids may repeat across chunks, so the rank is the key.
        <DocumentItem key={index} doc={doc} index={index} />
      ))}
    </ol>
  );
}
