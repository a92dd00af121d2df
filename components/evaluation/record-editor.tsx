"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/components/ui/api-client";

/** Edits one record's expectations as JSON; saving writes a new dataset version. Ctrl/⌘+Enter saves, Esc cancels. */
export function RecordEditor({
  datasetId,
  recordId,
  expectations,
  onSaved,
  onCancel,
}: {
  datasetId: string;
  recordId: string;
  expectations: Record<string, unknown>;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(JSON.stringify(expectations, null, 2));
  const [error, setError] = useState<string | null>(null);
  async function save() {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    try {
      await apiFetch(`/api/evaluation/datasets/${datasetId}/records/${recordId}`, {
        method: "PATCH",
        json: { expectations: parsed },
      });
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div>
      <textarea
        aria-label="Expectations JSON"
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
          if (e.key === "Escape") onCancel();
        }}
        className="h-28 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      {error ? <p className="text-xs text-red-600">{error}</p> : null}
      <div className="mt-1 flex gap-2">
        <Button onClick={save}>Save as new version</Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
