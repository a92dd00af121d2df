export {
  backoffMs,
  callJudge,
  createJudgeClient,
  type CallJudgeOptions,
  type JudgeCallResult,
  type JudgePrompt,
} from "@/lib/evaluation/judges/client";
export { buildJudgePrompt, judgeScorer, requestToText } from "@/lib/evaluation/judges/judge-scorer";
export { parseJudgeAnswer, type JudgeVerdict, type ParsedVerdict } from "@/lib/evaluation/judges/parse";
export { retrievedDocuments } from "@/lib/evaluation/judges/retrieval";
