"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { labelingKeys } from "@/components/labeling/query-keys";
import { traceKeys } from "@/components/cache/trace-keys";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";

interface Props {
  experimentId: string;
  traceIds: string[];
  onDone: () => void;
}

/** Actions on the selected rows: delete (with confirmation) or add to a labeling session. */
export function SelectionActions({ experimentId, traceIds, onDone }: Props) {
  const client = useQueryClient();
  const [sessionId, setSessionId] = useState("");
  const sessions = useQuery({
    queryKey: labelingKeys.sessionList(experimentId, null),
    queryFn: ({ signal }) =>
      api.get<{ sessions: { id: string; name: string }[] }>(
        `/api/labeling/sessions?experimentId=${encodeURIComponent(experimentId)}`,
        signal,
      ),
    select: (r) => r.sessions ?? [],
  });
  const n = traceIds.length;
  const remove = useMutation({
    mutationFn: () => api.post<{ deleted: number }>("/api/traces/delete", { experimentId, traceIds }),
    onSuccess: (r) => {
      toast.success(`Deleted ${r.deleted} traces`);
      onDone();
      for (const id of traceIds) client.removeQueries({ queryKey: traceKeys.detail(id) });
      return client.invalidateQueries({ queryKey: traceKeys.searches(experimentId) });
    },
  });
  const addToSession = useMutation({
    mutationFn: (id: string) => api.post(`/api/labeling/sessions/${encodeURIComponent(id)}/items`, { traceIds }),
    onSuccess: (_r, id) => {
      toast.success(`Added ${n} traces to ${sessions.data?.find((s) => s.id === id)?.name ?? "the session"}`);
      onDone();
      return client.invalidateQueries({ queryKey: labelingKeys.session(id) });
    },
  });
  const busy = remove.isPending || addToSession.isPending;
  const error = remove.error ?? addToSession.error;

  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm"
      data-testid="selection-bar"
    >
      <span className="font-medium">{n} selected</span>
      <ConfirmDialog
        trigger={
          <Button variant="secondary" disabled={busy}>
            Delete…
          </Button>
        }
        title={`Delete ${n} trace${n === 1 ? "" : "s"}?`}
        description="The traces and their assessments are deleted. This cannot be undone."
        confirmLabel="Delete"
        onConfirm={() => remove.mutate()}
      />
      <select
        aria-label="Labeling session"
        value={sessionId}
        onChange={(e) => setSessionId(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">
          {sessions.isPending
            ? "Loading sessions…"
            : sessions.data?.length
              ? "Choose a labeling session"
              : "No labeling sessions"}
        </option>
        {(sessions.data ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <Button variant="secondary" disabled={busy || !sessionId} onClick={() => addToSession.mutate(sessionId)}>
        Add to session
      </Button>
      {error || sessions.error ? (
        <span role="alert" className="text-red-700">
          {error ? errorMessage(error) : `Labeling sessions are unavailable: ${errorMessage(sessions.error)}`}
        </span>
      ) : null}
    </div>
  );
}
