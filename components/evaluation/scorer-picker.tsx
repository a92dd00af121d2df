"use client";

import type { TScorerConfigInput } from "@/lib/evaluation/schemas";

export const SCORER_CHOICES: { type: TScorerConfigInput["type"]; label: string; judge: boolean; hint: string }[] = [
  { type: "correctness", label: "Correctness", judge: true, hint: "output vs expected_response / expected_facts" },
  { type: "guidelines", label: "Guidelines", judge: true, hint: "plain-language rules" },
  { type: "relevance_to_query", label: "Relevance to query", judge: true, hint: "does it address the request" },
  {
    type: "retrieval_groundedness",
    label: "Retrieval groundedness",
    judge: true,
    hint: "supported by RETRIEVER spans",
  },
  { type: "safety", label: "Safety", judge: true, hint: "no harmful content" },
  { type: "exact_match", label: "Exact match", judge: false, hint: "output equals expected_response" },
  { type: "contains", label: "Contains", judge: false, hint: "output contains expected_response" },
  { type: "token_f1", label: "Token F1", judge: false, hint: "SQuAD-style overlap, 0–1" },
  { type: "rouge_l", label: "ROUGE-L", judge: false, hint: "longest common subsequence, 0–1" },
  {
    type: "numeric_tolerance",
    label: "Numeric within tolerance",
    judge: false,
    hint: "|output − expected| ≤ tolerance",
  },
  { type: "json_equal", label: "JSON equality", judge: false, hint: "same JSON value" },
  { type: "latency", label: "Latency", judge: false, hint: "trace within a time limit" },
  { type: "no_error", label: "No error", judge: false, hint: "trace not in ERROR" },
];

export interface PickerState {
  selected: Set<string>;
  guidelines: string;
  maxMs: number;
  absTol: number;
}

/** Checkboxes for the built-in scorers, with the few settings some of them need. */
export function ScorerPicker({ state, onChange }: { state: PickerState; onChange: (s: PickerState) => void }) {
  const toggle = (type: string) => {
    const selected = new Set(state.selected);
    if (selected.has(type)) selected.delete(type);
    else selected.add(type);
    onChange({ ...state, selected });
  };
  return (
    <div className="grid grid-cols-1 gap-x-6 gap-y-1.5 sm:grid-cols-2">
      {SCORER_CHOICES.map((c) => (
        <label key={c.type} className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={state.selected.has(c.type)}
            onChange={() => toggle(c.type)}
            aria-label={c.label}
          />
          <span>
            <span className="font-medium">{c.label}</span>{" "}
            {c.judge ? <span className="rounded bg-violet-100 px-1 text-xs text-violet-800">LLM judge</span> : null}
            <span className="block text-xs text-slate-500">{c.hint}</span>
            {c.type === "guidelines" && state.selected.has("guidelines") ? (
              <textarea
                aria-label="Guidelines"
                placeholder="One rule per line"
                value={state.guidelines}
                onChange={(e) => onChange({ ...state, guidelines: e.target.value })}
                className="mt-1 h-16 w-full rounded border border-slate-300 px-2 py-1 text-xs"
              />
            ) : null}
            {c.type === "latency" && state.selected.has("latency") ? (
              <input
                aria-label="Max latency (ms)"
                type="number"
                min={1}
                value={state.maxMs}
                onChange={(e) => onChange({ ...state, maxMs: Number(e.target.value) })}
                className="mt-1 w-28 rounded border border-slate-300 px-2 py-0.5 text-xs"
              />
            ) : null}
            {c.type === "numeric_tolerance" && state.selected.has("numeric_tolerance") ? (
              <input
                aria-label="Absolute tolerance"
                type="number"
                min={0}
                step="any"
                value={state.absTol}
                onChange={(e) => onChange({ ...state, absTol: Number(e.target.value) })}
                className="mt-1 w-28 rounded border border-slate-300 px-2 py-0.5 text-xs"
              />
            ) : null}
          </span>
        </label>
      ))}
    </div>
  );
}

export function scorerConfigs(s: PickerState): TScorerConfigInput[] {
  return [...s.selected].map((type): TScorerConfigInput => {
    if (type === "guidelines")
      return {
        type,
        guidelines: s.guidelines
          .split("\n")
          .map((g) => g.trim())
          .filter(Boolean),
      };
    if (type === "latency") return { type, maxMs: s.maxMs };
    if (type === "numeric_tolerance") return { type, absTol: s.absTol };
    return { type } as TScorerConfigInput;
  });
}
