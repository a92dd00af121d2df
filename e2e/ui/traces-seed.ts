/**
 * Test-only seeding for the traces specs: writes traces straight into the e2e server's SQLite
 * file with the same `insertTrace` factory the demo data uses (WAL lets the server keep
 * reading meanwhile). Experiments are created through the API, so the server knows them.
 */
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { PrismaClient } from "../../lib/db/generated/sqlite/client";
import type { Db } from "../../lib/db/client";
import { sqliteAdapter } from "../../lib/db/sqlite-adapter";
import { insertTrace, type TraceSpec } from "../../lib/seed/factories";
import { E2E } from "../support/env";

let client: PrismaClient | null = null;
export function seedDb(): Db {
  client ??= new PrismaClient({ adapter: sqliteAdapter(`file:${path.join(E2E.dataDir, "tracelight.db")}`) });
  return client as unknown as Db;
}

export async function createExperiment(api: APIRequestContext, prefix: string): Promise<string> {
  const res = await api.post("/api/experiments", {
    data: { name: `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}` },
  });
  if (!res.ok()) throw new Error(`creating an experiment failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).id as string;
}

/** A small RAG-shaped trace: root chain → retrieve_docs (retriever) and chat_completion (LLM). */
export function ragSpec(
  experimentId: string,
  opts: { question: string; answer: string; minutesAgo: number; error?: boolean; feedback?: boolean },
): TraceSpec {
  return {
    experimentId,
    timestampMs: Date.now() - opts.minutesAgo * 60_000,
    tags: { env: "prod" },
    assessments:
      opts.feedback === undefined
        ? []
        : [
            {
              name: "user_feedback",
              kind: "FEEDBACK",
              value: opts.feedback,
              rationale: `feedback on ${opts.question}`,
              sourceType: "HUMAN",
              sourceId: "end-user-42",
            },
          ],
    root: {
      name: "rag_pipeline",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 900,
      status: opts.error ? "ERROR" : "OK",
      inputs: { messages: [{ role: "user", content: opts.question }] },
      outputs: { choices: [{ index: 0, message: { role: "assistant", content: opts.answer } }] },
      children: [
        {
          name: "retrieve_docs",
          spanType: "RETRIEVER",
          startMs: 10,
          durationMs: 100,
          inputs: { query: opts.question },
          outputs: [
            {
              page_content: "Access keys live under IAM.",
              metadata: { doc_uri: "https://docs.example/iam", score: 0.9 },
            },
          ],
        },
        {
          name: "chat_completion",
          spanType: "CHAT_MODEL",
          startMs: 120,
          durationMs: 700,
          inputTokens: 100,
          outputTokens: 20,
          inputs: { messages: [{ role: "user", content: opts.question }] },
          outputs: { choices: [{ message: { role: "assistant", content: opts.answer } }] },
        },
      ],
    },
  };
}

export const seedTrace = (spec: TraceSpec) => insertTrace(seedDb(), spec);
