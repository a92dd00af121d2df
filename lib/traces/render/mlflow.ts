import { parseOpenAIMessage, parseOpenAIMessageList } from "@/lib/traces/render/openai";
import type { ChatMessage, ChatNormalizer } from "@/lib/traces/render/types";
import { isRecord, nonEmpty } from "@/lib/traces/render/util";

/**
 * MLflow's own chat shapes that differ from OpenAI's:
 * - `ChatAgentResponse` (`mlflow.pyfunc.ChatAgent`): `{messages:[{role, content, id, tool_calls?}]}`.
 *   Requests (`ChatAgentRequest {messages}`) and `ChatCompletionRequest/Response` are
 *   OpenAI-shaped and handled by `openai.ts`; `ResponsesAgent` by `openai-responses.ts`.
 * - The MLflow AI Gateway v1 chat response: `{candidates:[{message:{role, content}}]}`.
 */

export function parseMlflowChatOutput(outputs: unknown): ChatMessage[] | null {
  if (!isRecord(outputs)) return null;
  if (Array.isArray(outputs.messages)) return parseOpenAIMessageList(outputs.messages);
  if (Array.isArray(outputs.candidates) && isRecord(outputs.candidates[0]) && isRecord(outputs.candidates[0].message)) {
    const message = parseOpenAIMessage({ role: "assistant", ...outputs.candidates[0].message });
    return message ? [message] : null;
  }
  return null;
}

export const mlflowChatNormalizer: ChatNormalizer = {
  name: "mlflow",
  // Requests are OpenAI-shaped; see the module comment.
  parseInput: () => null,
  parseOutput: (outputs) => nonEmpty(parseMlflowChatOutput(outputs)),
};
