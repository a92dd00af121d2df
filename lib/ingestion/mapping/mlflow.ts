/**
 * MLflow's own span attributes (mlflow/tracing/constant.py): `mlflow.spanType`,
 * `mlflow.spanInputs`, `mlflow.spanOutputs`, `mlflow.chat.tokenUsage`, `mlflow.llm.model`.
 * Values arrive already decoded (see decodeAttributeStrings).
 */
import { compact, isRecord, num, str, type MappedFields } from "./attr-utils";

const CHAT_SPAN_TYPES = new Set(["LLM", "CHAT_MODEL"]);

export function mapMlflowAttributes(attrs: Record<string, unknown>): MappedFields {
  const spanType = str(attrs["mlflow.spanType"])?.toUpperCase();
  const inputs = attrs["mlflow.spanInputs"];
  const outputs = attrs["mlflow.spanOutputs"];
  const usage = attrs["mlflow.chat.tokenUsage"];
  let inputTokens = isRecord(usage) ? num(usage.input_tokens) : undefined;
  let outputTokens = isRecord(usage) ? num(usage.output_tokens) : undefined;
  let model = str(attrs["mlflow.llm.model"]);

  // Manually traced LLM calls often return the provider's raw response without MLflow's
  // tokenUsage attribute (the Python fixture's fake_llm does). The OpenAI/Anthropic `usage` and
  // `model` fields are unambiguous there, so we read them for LLM-typed spans only.
  if (spanType && CHAT_SPAN_TYPES.has(spanType)) {
    const u = isRecord(outputs) && isRecord(outputs.usage) ? outputs.usage : undefined;
    if (u && inputTokens === undefined && outputTokens === undefined) {
      inputTokens = num(u.prompt_tokens) ?? num(u.input_tokens);
      outputTokens = num(u.completion_tokens) ?? num(u.output_tokens);
    }
    model ??=
      (isRecord(outputs) ? str(outputs.model) : undefined) ?? (isRecord(inputs) ? str(inputs.model) : undefined);
  }

  return compact({ spanType, inputs, outputs, model, inputTokens, outputTokens });
}
