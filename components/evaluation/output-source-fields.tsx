"use client";

import type { TOutputSource } from "@/lib/evaluation/schemas";

export interface OutputState {
  kind: TOutputSource["kind"];
  baseUrl: string;
  model: string;
  apiKey: string;
  inputKey: string;
  url: string;
  bodyKey: string;
  responsePath: string;
}

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/** Where a run's outputs come from: the traces as recorded, or a new call to the app per row. */
export function OutputSourceFields({ state, onChange }: { state: OutputState; onChange: (s: OutputState) => void }) {
  const set = (patch: Partial<OutputState>) => onChange({ ...state, ...patch });
  return (
    <fieldset className="space-y-2 text-sm">
      <legend className="mb-1 font-medium">Outputs</legend>
      <select
        aria-label="Output source"
        value={state.kind}
        onChange={(e) => set({ kind: e.target.value as OutputState["kind"] })}
        className={field}
      >
        <option value="trace">the traces&apos; existing outputs</option>
        <option value="openai_chat">call the app: OpenAI-compatible chat completions</option>
        <option value="json_post">call the app: JSON POST</option>
      </select>
      {state.kind === "openai_chat" ? (
        <div className="flex flex-wrap gap-2">
          <input
            aria-label="App base URL"
            placeholder="http://localhost:8000/v1"
            value={state.baseUrl}
            onChange={(e) => set({ baseUrl: e.target.value })}
            className={`${field} w-72`}
          />
          <input
            aria-label="App model"
            placeholder="model"
            value={state.model}
            onChange={(e) => set({ model: e.target.value })}
            className={`${field} w-40`}
          />
          <input
            aria-label="Input key"
            placeholder="input key (e.g. question)"
            value={state.inputKey}
            onChange={(e) => set({ inputKey: e.target.value })}
            className={`${field} w-48`}
          />
          <input
            aria-label="App API key"
            type="password"
            placeholder="API key (optional, not stored)"
            value={state.apiKey}
            onChange={(e) => set({ apiKey: e.target.value })}
            className={`${field} w-56`}
          />
        </div>
      ) : null}
      {state.kind === "json_post" ? (
        <div className="flex flex-wrap gap-2">
          <input
            aria-label="App URL"
            placeholder="https://app.internal/answer"
            value={state.url}
            onChange={(e) => set({ url: e.target.value })}
            className={`${field} w-72`}
          />
          <input
            aria-label="Body key"
            placeholder="wrap inputs under key (optional)"
            value={state.bodyKey}
            onChange={(e) => set({ bodyKey: e.target.value })}
            className={`${field} w-56`}
          />
          <input
            aria-label="Response path"
            placeholder="response path, e.g. answer"
            value={state.responsePath}
            onChange={(e) => set({ responsePath: e.target.value })}
            className={`${field} w-56`}
          />
        </div>
      ) : null}
      {state.kind !== "trace" ? (
        <p className="text-xs text-slate-500">
          Each call is recorded as a trace in this experiment, so every row links to one.
        </p>
      ) : null}
    </fieldset>
  );
}

export function outputSourceConfig(s: OutputState): Record<string, unknown> {
  if (s.kind === "openai_chat")
    return {
      kind: s.kind,
      baseUrl: s.baseUrl,
      model: s.model,
      ...(s.inputKey ? { inputKey: s.inputKey } : {}),
      ...(s.apiKey ? { apiKey: s.apiKey } : {}),
    };
  if (s.kind === "json_post")
    return {
      kind: s.kind,
      url: s.url,
      ...(s.bodyKey ? { bodyKey: s.bodyKey } : {}),
      ...(s.responsePath ? { responsePath: s.responsePath } : {}),
    };
  return { kind: "trace" };
}
