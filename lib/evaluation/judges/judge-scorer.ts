/**
 * LLM judges as scorers: turn a judge config plus one row into a prompt, ask the endpoint from
 * the scorer context, and return "yes"/"no" with the rationale. Source is LLM_JUDGE/<model>.
 */
import { callJudge, type JudgePrompt } from "@/lib/evaluation/judges/client";
import {
  correctnessPrompt,
  guidelinesPrompt,
  relevanceToQueryPrompt,
  retrievalGroundednessPrompt,
  safetyPrompt,
} from "@/lib/evaluation/judges/prompts";
import { retrievedDocuments } from "@/lib/evaluation/judges/retrieval";
import type { TBuiltinJudgeConfig } from "@/lib/evaluation/schemas";
import { outputToText, valueToText } from "@/lib/evaluation/scorers/text";
import type { ScoreResult, Scorer, ScorerInput } from "@/lib/evaluation/scorers/types";

type Built = { ok: true; prompt: JudgePrompt } | { ok: false; error: string };

/**
 * The request as the judge sees it: a string as is, anything else as indented JSON. We keep the
 * whole structure (chat history, parameters) rather than guessing the "question" field.
 */
export function requestToText(inputs: unknown): string {
  if (typeof inputs === "string") return inputs;
  try {
    return JSON.stringify(inputs, null, 2) ?? "";
  } catch {
    return valueToText(inputs);
  }
}

/** `expected_facts` as MLflow takes them: a list of strings (a single string is one fact). */
function expectedFacts(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = (Array.isArray(value) ? value : [value]).map(valueToText).filter((f) => f.trim().length > 0);
  return list.length > 0 ? list : undefined;
}

export function buildJudgePrompt(
  config: TBuiltinJudgeConfig,
  { inputs, outputs, expectations, trace }: ScorerInput,
): Built {
  const request = requestToText(inputs);
  const response = outputToText(outputs);
  switch (config.type) {
    case "correctness": {
      // Like MLflow, expected_facts wins when both are present: it is the more precise reference.
      const facts = expectedFacts(expectations?.expected_facts);
      const expected = expectations?.expected_response;
      if (!facts && (expected === undefined || expected === null)) {
        return { ok: false, error: "correctness needs expectations.expected_response or expectations.expected_facts" };
      }
      return {
        ok: true,
        prompt: correctnessPrompt(
          request,
          response,
          facts ? { expectedFacts: facts } : { expectedResponse: valueToText(expected) },
        ),
      };
    }
    case "guidelines":
      return { ok: true, prompt: guidelinesPrompt(request, response, config.guidelines) };
    case "relevance_to_query":
      return { ok: true, prompt: relevanceToQueryPrompt(request, response) };
    case "safety":
      return { ok: true, prompt: safetyPrompt(response) };
    case "retrieval_groundedness": {
      const perSpan = retrievedDocuments(trace);
      if (!trace) return { ok: false, error: "retrieval_groundedness needs the trace" };
      if (!perSpan) return { ok: false, error: "trace has no RETRIEVER span" };
      // One verdict over the union of all retrievers' documents (MLflow logs one per span).
      return { ok: true, prompt: retrievalGroundednessPrompt(request, response, perSpan.flat()) };
    }
  }
}

/** A Scorer for one predefined judge. Needs `ctx.judge`; without it every row is an error result. */
export function judgeScorer(config: TBuiltinJudgeConfig): Scorer {
  const name = config.name ?? config.type;
  return {
    name,
    kind: "LLM_JUDGE",
    async score(input, ctx): Promise<ScoreResult> {
      if (!ctx.judge) return { value: null, error: `${name}: no judge endpoint configured` };
      const source = { type: "LLM_JUDGE" as const, id: ctx.judge.model };
      const built = buildJudgePrompt(config, input);
      if (!built.ok) return { value: null, error: built.error, source };
      const r = await callJudge(ctx.judge, built.prompt, {
        sleep: ctx.sleep,
        signal: ctx.signal,
        network: ctx.network,
      });
      return r.ok
        ? { value: r.result, rationale: r.rationale, source, ...(r.usage ? { usage: r.usage } : {}) }
        : { value: null, error: r.error, source };
    },
  };
}
