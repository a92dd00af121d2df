import "server-only";
/**
 * The streamed answer of POST .../chat/messages: newline-delimited JSON events (start, delta...,
 * done | error). Access and input are checked before the stream starts, so those failures are
 * ordinary JSON errors with their status; once streaming, a failure is an `error` event. The
 * agent call goes on when the browser goes away, so the turn is still recorded.
 */
import type { Actor } from "@/lib/auth/actor";
import { toErrorResponse } from "@/lib/http/errors";
import { loadSessionForReviewer } from "@/lib/labeling/sessions/access";
import { resolveSessionAgent } from "@/lib/agents/service";
import { ValidationError } from "@/lib/errors";
import type { ChatStreamEvent, TSendChatMessageBody } from "./schemas";
import { sendChatMessage } from "./service";

export async function chatStreamResponse(
  actor: Actor,
  sessionId: string,
  body: TSendChatMessageBody,
): Promise<Response> {
  await loadSessionForReviewer(actor, sessionId);
  if (!(await resolveSessionAgent(sessionId)))
    throw new ValidationError("This labeling session has no agent to chat with", {
      issues: [{ path: "sessionId", message: "the session has no agent" }],
    });
  const encoder = new TextEncoder();
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const emit = (e: ChatStreamEvent) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          closed = true; // the browser went away; the turn is still recorded
        }
      };
      sendChatMessage(actor, sessionId, body, emit)
        .catch((err: unknown) => {
          const { body: b } = toErrorResponse(err);
          emit({
            type: "error",
            message: (b as { message?: string }).message ?? "The message could not be sent.",
            turn: null,
          });
        })
        .finally(() => {
          if (!closed) controller.close();
          closed = true;
        });
    },
    cancel() {
      closed = true;
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
