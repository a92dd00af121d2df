import { describe, expect, it } from "vitest";
import { normalizeDocuments } from "@/lib/traces/render/documents";
import {
  flatDocuments,
  langchainDocuments,
  langchainDumpdDocuments,
  llamaIndexNodes,
  mlflowDocuments,
  openinferenceDocuments,
} from "@/lib/traces/render/fixtures/documents";

describe("retrieved documents", () => {
  it("reads MLflow Documents with doc_uri, chunk_id and string scores", () => {
    expect(normalizeDocuments(mlflowDocuments)).toEqual([
      {
        id: "doc-3",
        content: "MLflow Tracing captures inputs, outputs and metadata of each step.",
        source: "https://mlflow.org/docs/latest/tracing",
        metadata: { doc_uri: "https://mlflow.org/docs/latest/tracing", chunk_id: "3" },
      },
      {
        id: "7",
        content: "Spans form a tree.",
        score: 0.71,
        source: "s3://bucket/tracing.md",
        metadata: { doc_uri: "s3://bucket/tracing.md", chunk_id: 7, score: "0.71" },
      },
    ]);
  });

  it("reads LangChain Documents (model_dump and dumpd)", () => {
    expect(normalizeDocuments(langchainDocuments)).toEqual([
      {
        content: "Vacation is 25 days.",
        score: 0.88,
        source: "handbook.pdf",
        metadata: { source: "handbook.pdf", page: 4, relevance_score: 0.88 },
      },
    ]);
    expect(normalizeDocuments(langchainDumpdDocuments)).toEqual([
      { content: "Old style.", source: "a.txt", metadata: { source: "a.txt" } },
    ]);
  });

  it("reads OpenInference wrapped and flat documents", () => {
    expect(normalizeDocuments(openinferenceDocuments)).toEqual([
      {
        id: "n1",
        content: "Paris is the capital of France.",
        score: 0.93,
        source: "https://en.wikipedia.org/wiki/Paris",
        metadata: { url: "https://en.wikipedia.org/wiki/Paris" },
      },
      { id: "n2", content: "Lyon is in France.", score: 0.41, metadata: {} },
    ]);
    expect(normalizeDocuments(flatDocuments)).toEqual([
      { id: "12", content: "Plain shape.", score: 0.5, metadata: {} },
    ]);
  });

  it("reads LlamaIndex NodeWithScore", () => {
    expect(normalizeDocuments(llamaIndexNodes)).toEqual([
      {
        id: "node-1",
        content: "LlamaIndex node text.",
        score: 0.66,
        source: "/data/a.md",
        metadata: { file_path: "/data/a.md" },
      },
    ]);
  });

  it("rejects non-document values", () => {
    expect(normalizeDocuments([])).toBeNull();
    expect(normalizeDocuments(["just", "strings"])).toBeNull();
    expect(normalizeDocuments([{ role: "user", content: "hi" }])).toBeNull();
    expect(normalizeDocuments([{ page_content: "a" }, { nope: 1 }])).toBeNull();
    expect(normalizeDocuments({ answer: "x" })).toBeNull();
  });
});
