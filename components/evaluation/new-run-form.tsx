"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api, errorMessage } from "@/components/ui/api-client";
import { evaluationKeys } from "./query-keys";
import type { DatasetDto } from "@/lib/evaluation/datasets/types";
import type { JudgeSettingsDto } from "@/lib/evaluation/types";
import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";
import { OutputSourceFields, outputSourceConfig, type OutputState } from "./output-source-fields";
import { ScorerPicker, SCORER_CHOICES, scorerConfigs, type PickerState } from "./scorer-picker";
import { useApi } from "./use-api";

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/** Start a run: what to score (dataset version or trace filter), with which scorers, and where outputs come from. Ctrl/⌘+Enter submits. */
export function NewRunForm({ experimentId, initialDatasetId }: { experimentId: string; initialDatasetId?: string }) {
  const router = useRouter();
  const datasets = useApi<{ datasets: DatasetDto[] }>(
    `/api/evaluation/experiments/${experimentId}/datasets?page=1&page_size=200`,
  );
  const judge = useApi<JudgeSettingsDto>("/api/evaluation/judge-settings");
  const [name, setName] = useState("");
  const [mode, setMode] = useState<"dataset" | "filter">("dataset");
  const [datasetId, setDatasetId] = useState(initialDatasetId ?? "");
  const [filter, setFilter] = useState("");
  const [picker, setPicker] = useState<PickerState>({
    selected: new Set(["correctness"]),
    guidelines: "",
    maxMs: 5000,
    absTol: 0,
  });
  const [output, setOutput] = useState<OutputState>({
    kind: "trace",
    baseUrl: "",
    model: "",
    apiKey: "",
    inputKey: "",
    url: "",
    bodyKey: "",
    responsePath: "",
  });
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<EvaluationRunDto>(`/api/evaluation/experiments/${experimentId}/runs`, body),
    onSuccess: (run) => {
      void client.invalidateQueries({ queryKey: evaluationKeys.all });
      router.push(`/experiments/${experimentId}/evaluation/runs/${run.id}`);
    },
  });
  // Stays busy from the click until the run's page has replaced this one.
  const busy = start.isPending || start.isSuccess;
  const error = start.error ? errorMessage(start.error) : null;

  const chosenDataset = datasetId || datasets.data?.datasets[0]?.id || "";
  const usesJudge = SCORER_CHOICES.some((c) => c.judge && picker.selected.has(c.type));

  function submit(e?: React.FormEvent) {
    e?.preventDefault();
    if (busy) return;
    start.mutate({
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(mode === "dataset" ? { dataset_id: chosenDataset } : { filter }),
      scorers: scorerConfigs(picker),
      output_source: outputSourceConfig(output),
    });
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => (e.key === "Enter" && (e.ctrlKey || e.metaKey) ? void submit() : undefined)}
      className="space-y-5 rounded-lg bg-white p-5 ring-1 ring-slate-200"
    >
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Run name (optional)</span>
        <input
          aria-label="Run name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={`${field} w-96`}
          placeholder="e.g. prompt v2 against golden set"
        />
      </label>
      <fieldset className="space-y-2 text-sm">
        <legend className="mb-1 font-medium">What to score</legend>
        <label className="mr-4">
          <input type="radio" checked={mode === "dataset"} onChange={() => setMode("dataset")} /> A dataset
        </label>
        <label>
          <input type="radio" checked={mode === "filter"} onChange={() => setMode("filter")} /> Traces matching a filter
        </label>
        {mode === "dataset" ? (
          <div>
            <select
              aria-label="Dataset"
              value={chosenDataset}
              onChange={(e) => setDatasetId(e.target.value)}
              className={field}
            >
              {datasets.data?.datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} (v{d.currentVersion}, {d.recordCount} records)
                </option>
              ))}
            </select>
            {datasets.data && !datasets.data.datasets.length ? (
              <p className="mt-1 text-xs text-amber-700">No datasets yet: create one on the Evaluation page first.</p>
            ) : null}
          </div>
        ) : (
          <input
            aria-label="Trace filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className={`${field} w-full font-mono`}
            placeholder="e.g. tags.env = 'prod' AND attributes.status = 'OK'"
          />
        )}
      </fieldset>
      <fieldset className="text-sm">
        <legend className="mb-2 font-medium">Scorers</legend>
        <ScorerPicker state={picker} onChange={setPicker} />
        {usesJudge && judge.data ? (
          <p
            data-testid="judge-info"
            className={`mt-2 text-xs ${judge.data.source === "none" ? "text-amber-700" : "text-slate-500"}`}
          >
            {judge.data.source === "none"
              ? "No judge endpoint is configured: an admin sets it in Settings (or JUDGE_BASE_URL / JUDGE_MODEL). Judge scores will be errors."
              : `Judge: ${judge.data.model} at ${judge.data.base_url} (from ${judge.data.source}).`}
          </p>
        ) : null}
      </fieldset>
      <OutputSourceFields state={output} onChange={setOutput} />
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <Button
        type="submit"
        disabled={busy || picker.selected.size === 0 || (mode === "dataset" && !chosenDataset)}
        title="Ctrl/⌘ + Enter"
      >
        {busy ? "Starting…" : "Start run"}
      </Button>
    </form>
  );
}
