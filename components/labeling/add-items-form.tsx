"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";
import type { AddItemsResult } from "@/lib/labeling/types";

/** Adds traces to a session by trace search filter or by a list of trace ids. */
export function AddItemsForm({ sessionId, onAdded }: { sessionId: string; onAdded: () => void }) {
  const [mode, setMode] = useState<"filter" | "ids">("filter");
  const [text, setText] = useState("");
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = mode === "filter" ? { filter: text } : { trace_ids: text.split(/[\s,]+/).filter(Boolean) };
      const r = await apiFetch<AddItemsResult>(`/api/labeling/sessions/${sessionId}/items`, {
        method: "POST",
        json: body,
      });
      setResult(
        `Added ${r.added} trace${r.added === 1 ? "" : "s"}${r.already_present ? ` (${r.already_present} already in the session)` : ""}${r.truncated ? "; the filter matched more than the limit" : ""}.`,
      );
      onAdded();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="Add traces"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <div className="flex gap-3 text-sm">
        <label className="flex items-center gap-1">
          <input type="radio" checked={mode === "filter"} onChange={() => setMode("filter")} /> By search filter
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" checked={mode === "ids"} onChange={() => setMode("ids")} /> By trace ids
        </label>
      </div>
      <div className="flex gap-2">
        <input
          aria-label={mode === "filter" ? "Trace filter" : "Trace ids"}
          className="flex-1 rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm"
          placeholder={mode === "filter" ? "feedback.user_feedback = false" : "tr-…, tr-…"}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" disabled={busy || !text.trim()}>
          {busy ? "Adding…" : "Add traces"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">
        Filters use the trace search syntax, e.g. <code>feedback.user_feedback = false</code> or{" "}
        <code>tags.env = &apos;prod&apos; AND status = &apos;OK&apos;</code>. You can also add selected traces from the
        Traces table.
      </p>
      {result ? (
        <p role="status" className="text-sm text-emerald-700">
          {result}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}
