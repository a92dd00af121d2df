"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bot, Trash2 } from "lucide-react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { ZCreateAgentBody, type AgentDto } from "@/lib/agents/schemas";

export const agentKeys = {
  list: (experimentId: string) => ["agents", experimentId] as const,
};

// The contract as typed into boxes: empty key and prompt are left out of the body.
const ZAgentForm = ZCreateAgentBody.pick({ name: true, baseUrl: true, model: true }).extend({
  apiKey: z.string().max(1000, "must be at most 1000 characters"),
  systemPrompt: z.string().max(20_000, "must be at most 20000 characters"),
});
type AgentForm = z.infer<typeof ZAgentForm>;

/**
 * The experiment's agents: OpenAI-compatible chat endpoints that experts talk to in the Review App
 * once a labeling session names one. Keys are write-only (only the last characters come back).
 */
export function AgentsPanel({ experimentId }: { experimentId: string }) {
  const list = useQuery({
    queryKey: agentKeys.list(experimentId),
    queryFn: ({ signal }) => api.get<{ agents: AgentDto[] }>(`/api/experiments/${experimentId}/agents`, signal),
  });
  const agents = list.data?.agents ?? [];
  return (
    <div className="flex flex-col gap-4">
      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 className="text-base font-semibold">Add an agent</h2>
        <p className="mt-1 text-sm text-slate-600">
          Any OpenAI-compatible chat endpoint (its base URL, e.g. <code>https://api.openai.com/v1</code>). Internal
          addresses work once an admin allows them in Settings.
        </p>
        <AddAgentForm experimentId={experimentId} />
      </section>
      {list.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(list.error)}
        </p>
      ) : null}
      {list.isSuccess && !agents.length ? (
        <EmptyState title="No agents yet">
          Add one above, then choose it on a labeling session so its reviewers can chat with it.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="agents">
          {agents.map((a) => (
            <AgentRow key={a.id} agent={a} experimentId={experimentId} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AgentRow({ agent, experimentId }: { agent: AgentDto; experimentId: string }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/agents/${agent.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: agentKeys.list(experimentId) }),
  });
  return (
    <li data-testid="agent-row" className="flex items-start gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <Bot aria-hidden className="mt-0.5 size-5 text-indigo-600" />
      <div className="min-w-0 flex-1">
        <div className="font-medium text-slate-900">{agent.name}</div>
        <div className="text-sm text-slate-600">
          {agent.model} at {agent.baseUrl} · {agent.apiKeySet ? `key ${agent.apiKeyHint}` : "no key"}
        </div>
        {agent.systemPrompt ? (
          <p className="mt-1 line-clamp-2 text-xs text-slate-500">System prompt: {agent.systemPrompt}</p>
        ) : null}
        {remove.error ? (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(remove.error)}
          </p>
        ) : null}
      </div>
      <Button
        variant="ghost"
        aria-label={`Delete agent ${agent.name}`}
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Delete the agent '${agent.name}'? Sessions using it no longer offer a chat.`))
            remove.mutate();
        }}
      >
        <Trash2 aria-hidden className="size-4" />
      </Button>
    </li>
  );
}

function AddAgentForm({ experimentId }: { experimentId: string }) {
  const client = useQueryClient();
  const empty = { name: "", baseUrl: "", model: "", apiKey: "", systemPrompt: "" };
  const form = useForm<AgentForm>({ resolver: zodResolver(ZAgentForm), defaultValues: empty });
  const create = useMutation({
    mutationFn: ({ apiKey, systemPrompt, ...rest }: AgentForm) =>
      api.post<AgentDto>(`/api/experiments/${experimentId}/agents`, {
        ...rest,
        ...(apiKey ? { apiKey } : {}),
        ...(systemPrompt.trim() ? { systemPrompt } : {}),
      }),
    onSuccess: () => {
      form.reset(empty);
      return client.invalidateQueries({ queryKey: agentKeys.list(experimentId) });
    },
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await create.mutateAsync(v);
    } catch (err) {
      applyServerErrors(err, form.setError, ["name", "baseUrl", "model", "apiKey", "systemPrompt"]);
    }
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-2">
      <TextField label="Agent name" error={errors.name?.message} {...form.register("name")} />
      <TextField
        label="Agent base URL"
        placeholder="https://api.openai.com/v1"
        error={errors.baseUrl?.message}
        {...form.register("baseUrl")}
      />
      <TextField
        label="Agent model"
        placeholder="gpt-4.1-mini"
        error={errors.model?.message}
        {...form.register("model")}
      />
      <TextField
        label="Agent API key"
        type="password"
        autoComplete="off"
        placeholder="optional"
        error={errors.apiKey?.message}
        {...form.register("apiKey")}
      />
      <label className="block text-sm md:col-span-2">
        <span className="mb-1 block font-medium text-slate-700">System prompt</span>
        <textarea
          rows={3}
          className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
          placeholder="optional: sent first on every turn"
          {...form.register("systemPrompt")}
        />
        {errors.systemPrompt ? (
          <span className="mt-1 block text-xs text-red-600">{errors.systemPrompt.message}</span>
        ) : null}
      </label>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          Add agent
        </Button>
        <FormError errors={errors} />
      </div>
    </form>
  );
}
