/**
 * Retrieved documents from a trace's RETRIEVER spans. MLflow retrievers output a list of
 * `Document`s (`{page_content, metadata, id}`); other frameworks emit `{content}`, `{text}`,
 * plain strings or `{documents: [...]}`. Anything else is kept as JSON rather than dropped, so the
 * judge never sees less context than the app had.
 */
import type { ScorerTrace } from "@/lib/evaluation/scorers/types";
import { valueToText } from "@/lib/evaluation/scorers/text";

function documentText(doc: unknown): string {
  if (typeof doc === "string") return doc;
  if (typeof doc === "object" && doc !== null && !Array.isArray(doc)) {
    const d = doc as Record<string, unknown>;
    for (const key of ["page_content", "content", "text"]) if (typeof d[key] === "string") return d[key] as string;
  }
  return valueToText(doc);
}

function spanDocuments(outputs: unknown): string[] {
  let list = outputs;
  if (
    typeof list === "object" &&
    list !== null &&
    !Array.isArray(list) &&
    Array.isArray((list as Record<string, unknown>).documents)
  ) {
    list = (list as Record<string, unknown>).documents;
  }
  const docs = Array.isArray(list) ? list : list === null || list === undefined ? [] : [list];
  return docs.map(documentText).filter((t) => t.trim().length > 0);
}

/** Documents per RETRIEVER span, in span order; undefined when the trace has no retriever span. */
export function retrievedDocuments(trace: ScorerTrace | undefined): string[][] | undefined {
  const retrievers = (trace?.spans ?? []).filter((s) => s.spanType === "RETRIEVER");
  return retrievers.length > 0 ? retrievers.map((s) => spanDocuments(s.outputs)) : undefined;
}
