import { MessagesSquare } from "lucide-react";
import type { SessionAgentDto } from "@/lib/agents/schemas";

/** Shown above the review queue when the session has an agent: the way into the chat. */
export function ChatLink({ sessionId, agent }: { sessionId: string; agent: SessionAgentDto }) {
  return (
    <div className="mb-3 flex items-center gap-2 rounded-lg bg-indigo-50 p-3 text-sm">
      <MessagesSquare aria-hidden className="size-4 text-indigo-700" />
      <span>
        This session has an agent, <span className="font-medium">{agent.name}</span>: talk to it and rate its answers.
      </span>
      {/* A full page load, not a client-side move: the review queue below rewrites the URL with
          history.replaceState when its first item arrives, which can cancel a router navigation
          started in the meantime. */}
      <a href={`/review/${sessionId}/chat`} className="ml-auto font-medium text-indigo-700 underline">
        Chat with the agent
      </a>
    </div>
  );
}
