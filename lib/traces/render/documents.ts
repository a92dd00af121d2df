import type { RetrievedDocument } from "@/lib/traces/render/types";
import { asNumber, asString, isRecord, type JsonRecord } from "@/lib/traces/render/util";

/**
 * Retrieved documents (RETRIEVER spans). Formats read:
 * - MLflow `Document` / LangChain `Document.model_dump()`: `{page_content, metadata:{doc_uri, chunk_id}, id}`
 * - LangChain `dumpd` form: `{lc:1, type:"constructor", id:[…,"Document"], kwargs:{page_content, metadata}}`
 * - OpenInference: `{document:{content, id, score, metadata}}` or unwrapped `{content, id, score}`
 * - LlamaIndex `NodeWithScore`: `{node:{text, id_, metadata}, score}`
 * The list may be bare or under a common key (`documents`, `source_nodes`, …).
 */

const LIST_KEYS = ["documents", "docs", "retrieval_documents", "source_nodes", "nodes", "results"];
const SOURCE_KEYS = ["doc_uri", "source", "url", "uri", "file_path"];
const SCORE_KEYS = ["score", "relevance_score", "similarity"];

function unwrap(raw: JsonRecord): { doc: JsonRecord; outerScore?: unknown } {
  if (raw.lc === 1 && raw.type === "constructor" && isRecord(raw.kwargs)) return { doc: raw.kwargs };
  if (isRecord(raw.document)) return { doc: raw.document, outerScore: raw.score };
  if (isRecord(raw.node)) return { doc: raw.node, outerScore: raw.score };
  return { doc: raw };
}

function firstOf(records: JsonRecord[], keys: string[], read: (v: unknown) => unknown): unknown {
  for (const record of records)
    for (const key of keys) {
      const value = read(record[key]);
      if (value !== undefined) return value;
    }
  return undefined;
}

/** One document, or null when the value has no readable text (so the list is not ours). */
export function parseDocument(raw: unknown): RetrievedDocument | null {
  if (!isRecord(raw)) return null;
  // Chat messages also have `content`; never read a conversation as documents.
  if ("role" in raw) return null;
  const { doc, outerScore } = unwrap(raw);
  const content = asString(doc.page_content) ?? asString(doc.content) ?? asString(doc.text);
  if (content === undefined) return null;
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const result: RetrievedDocument = { content, metadata };

  const id = doc.id ?? doc.id_ ?? metadata.chunk_id;
  if (typeof id === "string" || typeof id === "number") result.id = String(id);
  // Prefer the document's own fields over metadata: they are what the retriever set explicitly.
  const score = asNumber(outerScore) ?? (firstOf([doc, metadata], SCORE_KEYS, asNumber) as number | undefined);
  if (score !== undefined) result.score = score;
  const source = firstOf([metadata, doc], SOURCE_KEYS, (v) => (asString(v) ? v : undefined)) as string | undefined;
  if (source !== undefined) result.source = source;
  return result;
}

/**
 * Reads a retriever's output (or any value) as a document list; null when it is not one.
 * Every entry must be a document: a half-matching list is more likely something else.
 */
export function normalizeDocuments(value: unknown): RetrievedDocument[] | null {
  let list: unknown = value;
  if (isRecord(value)) list = LIST_KEYS.map((key) => value[key]).find(Array.isArray);
  if (!Array.isArray(list) || list.length === 0) return null;
  const documents: RetrievedDocument[] = [];
  for (const raw of list) {
    const doc = parseDocument(raw);
    if (!doc) return null;
    documents.push(doc);
  }
  return documents;
}
