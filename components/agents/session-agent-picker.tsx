"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bot } from "lucide-react";
import Link from "next/link";
import { agentKeys } from "@/components/agents/agents-panel";
import { api, errorMessage } from "@/components/ui/api-client";
import type { AgentDto, SessionAgentDto } from "@/lib/agents/schemas";

/**
 * The labeling session's agent option: with one, the session's reviewers can chat with it in the
 * Review App and rate its answers. Kept apart from the session forms (its own endpoint).
 */
export function SessionAgentPicker({ sessionId, experimentId }: { sessionId: string; experimentId: string }) {
  const client = useQueryClient();
  const key = ["session-agent", sessionId] as const;
  const current = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<{ agent: SessionAgentDto | null }>(`/api/labeling/sessions/${sessionId}/agent`, signal),
  });
  const agents = useQuery({
    queryKey: agentKeys.list(experimentId),
    queryFn: ({ signal }) => api.get<{ agents: AgentDto[] }>(`/api/experiments/${experimentId}/agents`, signal),
  });
  const set = useMutation({
    mutationFn: (agentId: string | null) =>
      api.put<{ agent: SessionAgentDto | null }>(`/api/labeling/sessions/${sessionId}/agent`, { agentId }),
    onSuccess: (data) => client.setQueryData(key, data),
  });
  const list = agents.data?.agents ?? [];
  const error = current.error ?? agents.error ?? set.error;
  return (
    <fieldset className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <legend className="sr-only">Agent</legend>
      <Bot aria-hidden className="size-4 text-indigo-600" />
      <label htmlFor={`agent-${sessionId}`} className="font-medium text-slate-800">
        Chat agent
      </label>
      <select
        id={`agent-${sessionId}`}
        className="rounded-md border border-slate-300 px-2 py-1"
        value={current.data?.agent?.agentId ?? ""}
        disabled={!current.isSuccess || set.isPending}
        onChange={(e) => set.mutate(e.target.value || null)}
      >
        <option value="">None (no chat)</option>
        {list.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.model})
          </option>
        ))}
      </select>
      <span className="text-xs text-slate-600">
        {current.data?.agent
          ? "Reviewers can chat with this agent in the Review App and rate its answers."
          : list.length
            ? "Choose an agent to let reviewers chat with it."
            : null}{" "}
        <Link href={`/experiments/${experimentId}/agents`} className="text-indigo-700 underline">
          Manage agents
        </Link>
      </span>
      {set.isSuccess ? (
        <span role="status" className="text-xs text-emerald-700">
          Saved.
        </span>
      ) : null}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {errorMessage(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
