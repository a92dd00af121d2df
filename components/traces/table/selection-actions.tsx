"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";

interface Props {
  experimentId: string;
  traceIds: string[];
  onDone: (message: string) => void;
}

/** Actions on the selected rows: delete (with confirmation) or add to a labeling session. */
export function SelectionActions({ experimentId, traceIds, onDone }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [sessions, setSessions] = useState<{ id: string; name: string }[] | null>(null);
  const [sessionId, setSessionId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiFetch<{ sessions: { id: string; name: string }[] }>(
      `/api/labeling/sessions?experiment_id=${encodeURIComponent(experimentId)}`,
    )
      .then((r) => setSessions(r.sessions ?? []))
      .catch((e: Error) => {
        setSessions([]);
        setError(`Labeling sessions are unavailable: ${e.message}`);
      });
  }, [experimentId]);

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await fn());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-indigo-50 px-3 py-2 text-sm"
      data-testid="selection-bar"
    >
      <span className="font-medium">{traceIds.length} selected</span>
      {confirming ? (
        <>
          <span>
            Delete {traceIds.length} trace{traceIds.length === 1 ? "" : "s"} and their assessments? This cannot be
            undone.
          </span>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() =>
              run(
                async () =>
                  `Deleted ${(await apiFetch<{ deleted: number }>("/api/traces/delete", { method: "POST", json: { experimentId, traceIds } })).deleted} traces`,
              )
            }
          >
            Delete
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Delete…
        </Button>
      )}
      <select
        aria-label="Labeling session"
        value={sessionId}
        onChange={(e) => setSessionId(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value="">
          {sessions == null
            ? "Loading sessions…"
            : sessions.length
              ? "Choose a labeling session"
              : "No labeling sessions"}
        </option>
        {(sessions ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <Button
        variant="secondary"
        disabled={busy || !sessionId}
        onClick={() =>
          run(async () => {
            await apiFetch(`/api/labeling/sessions/${encodeURIComponent(sessionId)}/items`, {
              method: "POST",
              json: { trace_ids: traceIds },
            });
            return `Added ${traceIds.length} traces to ${sessions?.find((s) => s.id === sessionId)?.name ?? "the session"}`;
          })
        }
      >
        Add to session
      </Button>
      {error ? (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
