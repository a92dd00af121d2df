/**
 * Scorer registry: one validated config (ZScorerConfig) in, one Scorer out. Code scorers are
 * pure; judge scorers call the endpoint given in the ScorerContext at scoring time.
 */
import { customJudgeScorer } from "@/lib/evaluation/custom-judges/scorer";
import { judgeScorer } from "@/lib/evaluation/judges/judge-scorer";
import type { TScorerConfig } from "@/lib/evaluation/schemas";
import { containsScorer } from "@/lib/evaluation/scorers/contains";
import { exactMatchScorer } from "@/lib/evaluation/scorers/exact-match";
import { jsonEqualScorer } from "@/lib/evaluation/scorers/json-equal";
import { latencyScorer } from "@/lib/evaluation/scorers/latency";
import { noErrorScorer } from "@/lib/evaluation/scorers/no-error";
import { numericToleranceScorer } from "@/lib/evaluation/scorers/numeric-tolerance";
import { rougeLScorer } from "@/lib/evaluation/scorers/rouge-l";
import { tokenF1Scorer } from "@/lib/evaluation/scorers/token-f1";
import type { Scorer } from "@/lib/evaluation/scorers/types";

export function createScorer(config: TScorerConfig): Scorer {
  switch (config.type) {
    case "exact_match":
      return exactMatchScorer(config);
    case "contains":
      return containsScorer(config);
    case "token_f1":
      return tokenF1Scorer(config);
    case "rouge_l":
      return rougeLScorer(config);
    case "numeric_tolerance":
      return numericToleranceScorer(config);
    case "json_equal":
      return jsonEqualScorer(config);
    case "latency":
      return latencyScorer(config);
    case "no_error":
      return noErrorScorer(config);
    case "correctness":
    case "guidelines":
    case "relevance_to_query":
    case "retrieval_groundedness":
    case "safety":
      return judgeScorer(config);
    case "custom_judge":
      return customJudgeScorer(config);
  }
}

export {
  containsScorer,
  exactMatchScorer,
  jsonEqualScorer,
  latencyScorer,
  noErrorScorer,
  numericToleranceScorer,
  rougeLScorer,
  tokenF1Scorer,
};
export { lcsLength, rougeL } from "@/lib/evaluation/scorers/rouge-l";
export { tokenF1 } from "@/lib/evaluation/scorers/token-f1";
export { isClose, parseNumber } from "@/lib/evaluation/scorers/numeric-tolerance";
export { jsonDeepEqual, parseJsonText } from "@/lib/evaluation/scorers/json-equal";
export {
  extractAssistantText,
  getExpected,
  normalizeSquad,
  outputToText,
  rougeTokens,
  squadTokens,
  valueToText,
} from "@/lib/evaluation/scorers/text";
export type {
  ScoreResult,
  ScoreValue,
  Scorer,
  ScorerContext,
  ScorerInput,
  ScorerSpan,
  ScorerTrace,
  SourceType,
} from "@/lib/evaluation/scorers/types";
