"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import { LABEL_INPUT_TYPES, type TLabelInputType, type TLabelSchemaInput } from "@/lib/labeling/schemas";

const INPUT_LABELS: Record<TLabelInputType, string> = {
  categorical: "Pick one option",
  categorical_list: "Pick several options",
  text: "Free text",
  text_list: "List of texts",
  numeric: "Number",
};

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const str = (n: number | undefined) => (n === undefined ? "" : String(n));

function buildInput(type: TLabelInputType, f: Record<string, string>): TLabelSchemaInput {
  const options = f.options
    .split("\n")
    .map((o) => o.trim())
    .filter(Boolean);
  switch (type) {
    case "categorical":
    case "categorical_list":
      return { type, options };
    case "text":
      return { type, max_length: num(f.max_length) };
    case "text_list":
      return { type, max_length_each: num(f.max_length_each), max_count: num(f.max_count) };
    case "numeric":
      return { type, min_value: num(f.min_value), max_value: num(f.max_value) };
  }
}

/**
 * Create or edit a label schema: name, feedback/expectation, the question, a markdown
 * instruction with a live preview (rendered as reviewers will see it), comments on/off, and
 * the settings of the chosen input type. Server messages (e.g. an edit refused because labels
 * exist) are shown as they come.
 */
export function LabelSchemaForm({
  experimentId,
  schema,
  onSaved,
  onCancel,
}: {
  experimentId: string;
  schema?: LabelSchemaDto;
  onSaved: (s: LabelSchemaDto) => void;
  onCancel: () => void;
}) {
  const input = schema?.input;
  const [name, setName] = useState(schema?.name ?? "");
  const [type, setType] = useState<"feedback" | "expectation">(schema?.type ?? "feedback");
  const [title, setTitle] = useState(schema?.title ?? "");
  const [instruction, setInstruction] = useState(schema?.instruction ?? "");
  const [enableComment, setEnableComment] = useState(schema?.enable_comment ?? false);
  const [inputType, setInputType] = useState<TLabelInputType>(input?.type ?? "categorical");
  const [fields, setFields] = useState<Record<string, string>>({
    options: input && "options" in input ? input.options.join("\n") : "",
    max_length: input?.type === "text" ? str(input.max_length) : "",
    max_length_each: input?.type === "text_list" ? str(input.max_length_each) : "",
    max_count: input?.type === "text_list" ? str(input.max_count) : "",
    min_value: input?.type === "numeric" ? str(input.min_value) : "",
    max_value: input?.type === "numeric" ? str(input.max_value) : "",
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: string) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));

  async function save() {
    setBusy(true);
    setError(null);
    const body = {
      title,
      instruction: instruction.trim() ? instruction : undefined,
      enable_comment: enableComment,
      input: buildInput(inputType, fields),
    };
    try {
      const saved = schema
        ? await apiFetch<LabelSchemaDto>(`/api/labeling/schemas/${schema.id}`, {
            method: "PATCH",
            json: { ...body, instruction: body.instruction ?? null },
          })
        : await apiFetch<LabelSchemaDto>("/api/labeling/schemas", {
            method: "POST",
            json: { ...body, experiment_id: experimentId, name, type },
          });
      onSaved(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2"
      aria-label={schema ? `Edit ${schema.name}` : "New label schema"}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="flex flex-col gap-3">
        <TextField
          label="Name (also the assessment name)"
          value={name}
          onChange={(e) => setName(e.target.value)}
          disabled={!!schema}
          placeholder="accuracy"
          required
        />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Type</span>
          <select
            aria-label="Type"
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            value={type}
            disabled={!!schema}
            onChange={(e) => setType(e.target.value as "feedback" | "expectation")}
          >
            <option value="feedback">Feedback (a judgment of the response)</option>
            <option value="expectation">Expectation (the ground truth)</option>
          </select>
        </label>
        <TextField
          label="Question shown to reviewers"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Instruction (markdown)</span>
          <textarea
            aria-label="Instruction"
            rows={4}
            className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            value={instruction}
            onChange={(e) => setInstruction(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={enableComment} onChange={(e) => setEnableComment(e.target.checked)} /> Let
          reviewers add a comment
        </label>
      </div>
      <div className="flex flex-col gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Input</span>
          <select
            aria-label="Input type"
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            value={inputType}
            disabled={!!schema}
            onChange={(e) => setInputType(e.target.value as TLabelInputType)}
          >
            {LABEL_INPUT_TYPES.map((t) => (
              <option key={t} value={t}>
                {INPUT_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        {inputType === "categorical" || inputType === "categorical_list" ? (
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">
              Options, one per line (in order; number keys pick them)
            </span>
            <textarea
              aria-label="Options"
              rows={4}
              className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
              value={fields.options}
              onChange={set("options")}
            />
          </label>
        ) : null}
        {inputType === "text" ? (
          <TextField
            label="Maximum length (characters, optional)"
            inputMode="numeric"
            value={fields.max_length}
            onChange={set("max_length")}
          />
        ) : null}
        {inputType === "text_list" ? (
          <>
            <TextField
              label="Maximum entries (optional)"
              inputMode="numeric"
              value={fields.max_count}
              onChange={set("max_count")}
            />
            <TextField
              label="Maximum length of each entry (optional)"
              inputMode="numeric"
              value={fields.max_length_each}
              onChange={set("max_length_each")}
            />
          </>
        ) : null}
        {inputType === "numeric" ? (
          <div className="grid grid-cols-2 gap-2">
            <TextField
              label="Minimum (optional)"
              inputMode="decimal"
              value={fields.min_value}
              onChange={set("min_value")}
            />
            <TextField
              label="Maximum (optional)"
              inputMode="decimal"
              value={fields.max_value}
              onChange={set("max_value")}
            />
          </div>
        ) : null}
        <div className="rounded-md border border-dashed border-slate-300 p-3" aria-label="Preview">
          <p className="mb-1 text-xs font-semibold uppercase text-slate-400">Reviewers will see</p>
          <p className="text-sm font-semibold">{title || "Your question"}</p>
          {instruction.trim() ? <MarkdownText className="text-xs text-slate-600">{instruction}</MarkdownText> : null}
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600 md:col-span-2">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : schema ? "Save changes" : "Create schema"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
