"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch, errorMessage } from "@/components/ui/api-client";

interface SyncResult {
  created: boolean;
  inserted: number;
  updated: number;
  skipped: number;
  version: number;
  dataset: { id: string; name: string };
}

/** Copies the session's expectation labels into an evaluation dataset (new, or a new version of an existing one). */
export function SyncToDataset({
  sessionId,
  experimentId,
  defaultName,
}: {
  sessionId: string;
  experimentId: string;
  defaultName: string;
}) {
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function sync(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(
        await apiFetch<SyncResult>(`/api/labeling/sessions/${sessionId}/sync`, {
          method: "POST",
          json: { dataset_name: name },
        }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={sync} aria-label="Sync to dataset" className="flex flex-wrap items-center gap-2 text-sm">
      <input
        aria-label="Dataset name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5"
        required
      />
      <Button type="submit" disabled={busy || !name.trim()}>
        {busy ? "Syncing…" : "Sync expectations"}
      </Button>
      {result ? (
        <span role="status" data-testid="sync-result" className="text-slate-700">
          {result.created ? "Created" : "Updated"}{" "}
          <Link
            className="text-indigo-700 underline"
            href={`/experiments/${experimentId}/evaluation/datasets/${result.dataset.id}`}
          >
            {result.dataset.name}
          </Link>{" "}
          version {result.version}: {result.inserted} new, {result.updated} updated
          {result.skipped
            ? `, ${result.skipped} item${result.skipped === 1 ? "" : "s"} without expectations skipped`
            : ""}
          .
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="text-red-600">
          {error}
        </span>
      ) : null}
    </form>
  );
}
