import { describe, expect, it } from "vitest";
import { normalizeConversation } from "@/lib/traces/render/conversation";
import { chatAgentRequest, chatAgentResponse, gatewayResponse } from "@/lib/traces/render/fixtures/mlflow";
import { mlflowChatNormalizer } from "@/lib/traces/render/mlflow";

describe("mlflow chat shapes", () => {
  it("reads a ChatAgent request/response pair", () => {
    expect(normalizeConversation(chatAgentRequest, chatAgentResponse)).toEqual([
      { role: "user", content: "Find the Q3 report." },
      { role: "assistant", content: "", toolCalls: [{ id: "call_q3", name: "search", arguments: { q: "Q3 report" } }] },
      { role: "tool", content: "report_q3.pdf", toolCallId: "call_q3", name: "search" },
      { role: "assistant", content: "Here it is: report_q3.pdf" },
    ]);
  });

  it("reads the AI Gateway candidates response", () => {
    expect(mlflowChatNormalizer.parseOutput(gatewayResponse)).toEqual([
      { role: "assistant", content: "Hello from the gateway." },
    ]);
  });

  it("appends a plain string output as the assistant reply", () => {
    expect(normalizeConversation(chatAgentRequest, "Found it.")).toEqual([
      { role: "user", content: "Find the Q3 report." },
      { role: "assistant", content: "Found it." },
    ]);
  });
});
