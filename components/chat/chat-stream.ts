/**
 * Sends a chat message and reads the streamed answer (newline-delimited JSON events from our
 * server, which streams from the agent). An HTTP error before the stream starts (no agent, bad
 * input, signed out) becomes an `error` event carrying the server's message.
 */
import type { ChatStreamEvent } from "@/lib/chat/schemas";

export async function sendChatMessage(
  sessionId: string,
  body: { chatId: string | null; message: string },
  onEvent: (e: ChatStreamEvent) => void,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/labeling/sessions/${sessionId}/chat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    onEvent({ type: "error", message: "The app could not be reached. Your message is kept; try again.", turn: null });
    return;
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => "");
    let message = `Sending failed (HTTP ${res.status}).`;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the status
    }
    onEvent({ type: "error", message, turn: null });
    return;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let ended = false;
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as ChatStreamEvent;
      if (event.type === "done" || event.type === "error") ended = true;
      onEvent(event);
    }
  }
  if (!ended)
    onEvent({ type: "error", message: "The answer was cut off. Your message is kept; try again.", turn: null });
}
