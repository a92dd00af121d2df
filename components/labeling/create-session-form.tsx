"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import type { LabelingSessionDto } from "@/lib/labeling/types";

/** New labeling session: name, questions (in order), reviewers by email, labels per item. */
export function CreateSessionForm({
  experimentId,
  schemas,
  onCreated,
  onCancel,
}: {
  experimentId: string;
  schemas: LabelSchemaDto[];
  onCreated: (s: LabelingSessionDto) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const [reviewers, setReviewers] = useState("");
  const [labelsPerItem, setLabelsPerItem] = useState("1");
  const [openToAll, setOpenToAll] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const session = await apiFetch<LabelingSessionDto>("/api/labeling/sessions", {
        method: "POST",
        json: {
          experiment_id: experimentId,
          name,
          label_schemas: picked,
          assigned_users: reviewers
            .split(/[\s,;]+/)
            .map((r) => r.trim())
            .filter(Boolean),
          labels_per_item: Number(labelsPerItem),
          open_to_all_reviewers: openToAll,
          reveal_labels_after_submit: reveal,
        },
      });
      onCreated(session);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      aria-label="New labeling session"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <TextField
        label="Session name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        placeholder="Negative feedback, week 12"
      />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">
          Questions (asked in the order you tick them)
        </legend>
        {schemas.length === 0 ? (
          <p className="text-sm text-slate-500">No label schemas yet: create them under Schemas first.</p>
        ) : null}
        <div className="flex flex-col gap-1">
          {schemas.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={picked.includes(s.name)}
                onChange={(e) => setPicked((p) => (e.target.checked ? [...p, s.name] : p.filter((n) => n !== s.name)))}
              />
              <span>{s.title}</span>
              <span className="font-mono text-xs text-slate-400">
                {s.name} · {s.type}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Reviewers (emails, separated by commas or spaces)</span>
        <textarea
          aria-label="Reviewers"
          rows={2}
          className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          value={reviewers}
          onChange={(e) => setReviewers(e.target.value)}
        />
      </label>
      <div className="flex flex-wrap items-end gap-4">
        <TextField
          label="Reviewers per item"
          type="number"
          min={1}
          max={20}
          value={labelsPerItem}
          onChange={(e) => setLabelsPerItem(e.target.value)}
          className="w-40"
        />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={openToAll} onChange={(e) => setOpenToAll(e.target.checked)} /> Open to all
          reviewers
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Show other
          reviewers&apos; labels after submitting
        </label>
      </div>
      <p className="text-xs text-slate-500">
        With more than one reviewer per item the results show agreement statistics.
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy || !picked.length}>
          {busy ? "Creating…" : "Create session"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
