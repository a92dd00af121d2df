"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors, allFormMessages } from "@/components/ui/form";
import { ZCreateEvaluationRunBody } from "@/lib/evaluation/schemas";
import { evaluationKeys } from "./query-keys";
import type { DatasetDto } from "@/lib/evaluation/datasets/types";
import type { JudgeDto } from "@/lib/evaluation/custom-judges/types";
import type { JudgeSettingsDto } from "@/lib/evaluation/types";
import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";
import { OutputSourceFields, outputSourceConfig, type OutputState } from "./output-source-fields";
import { CUSTOM_JUDGE_KEY, ScorerPicker, SCORER_CHOICES, scorerConfigs, type PickerState } from "./scorer-picker";
import { useApi } from "./use-api";

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/** The form's state (the picker and output fields keep their own shapes), turned into the API's run body. */
const ZForm = z
  .object({
    name: z.string(),
    mode: z.enum(["dataset", "filter"]),
    datasetId: z.string(),
    filter: z.string(),
    picker: z.custom<PickerState>(),
    output: z.custom<OutputState>(),
  })
  .transform((f): z.input<typeof ZCreateEvaluationRunBody> => ({
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    ...(f.mode === "dataset" ? { datasetId: f.datasetId } : { filter: f.filter }),
    scorers: scorerConfigs(f.picker),
    outputSource: outputSourceConfig(f.output) as z.input<typeof ZCreateEvaluationRunBody>["outputSource"],
  }))
  .pipe(ZCreateEvaluationRunBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

/** Start a run: what to score (dataset version or trace filter), with which scorers, and where outputs come from. Ctrl/⌘+Enter submits. */
export function NewRunForm({ experimentId, initialDatasetId }: { experimentId: string; initialDatasetId?: string }) {
  const router = useRouter();
  const datasets = useApi<{ datasets: DatasetDto[] }>(
    `/api/evaluation/experiments/${experimentId}/datasets?page=1&pageSize=200`,
  );
  const judge = useApi<JudgeSettingsDto>("/api/evaluation/judge-settings");
  const customJudges = useApi<{ judges: JudgeDto[] }>(`/api/evaluation/experiments/${experimentId}/judges`);
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: {
      name: "",
      mode: "dataset",
      datasetId: initialDatasetId ?? "",
      filter: "",
      picker: { selected: new Set(["correctness"]), guidelines: "", maxMs: 5000, absTol: 0 },
      output: {
        kind: "trace",
        baseUrl: "",
        model: "",
        apiKey: "",
        inputKey: "",
        url: "",
        bodyKey: "",
        responsePath: "",
      },
    },
  });
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: (body: Body) => api.post<EvaluationRunDto>(`/api/evaluation/experiments/${experimentId}/runs`, body),
    onSuccess: (run) => {
      void client.invalidateQueries({ queryKey: evaluationKeys.all });
      router.push(`/experiments/${experimentId}/evaluation/runs/${run.id}`);
    },
  });
  // Stays busy from the click until the run's page has replaced this one.
  const busy = start.isPending || start.isSuccess;
  const [mode, datasetId, picker] = form.watch(["mode", "datasetId", "picker"]);
  // Without a choice the first dataset is the one shown, so it is the one used.
  const chosenDataset = datasetId || datasets.data?.datasets[0]?.id || "";
  const usesJudge =
    SCORER_CHOICES.some((c) => c.judge && picker.selected.has(c.type)) ||
    (customJudges.data?.judges ?? []).some(
      (j) => !j.current.baseUrl && picker.selected.has(`${CUSTOM_JUDGE_KEY}${j.id}`),
    );
  const errors = allFormMessages(form.formState.errors);

  const submit = (e?: React.BaseSyntheticEvent) => {
    if (busy) return e?.preventDefault();
    if (!form.getValues("datasetId") && chosenDataset) form.setValue("datasetId", chosenDataset);
    return form.handleSubmit(async (body) => {
      try {
        await start.mutateAsync(body);
      } catch (err) {
        applyServerErrors(err, form.setError, {
          name: "name",
          datasetId: "datasetId",
          filter: "filter",
          scorers: "picker",
          outputSource: "output",
        });
      }
    })(e);
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => (e.key === "Enter" && (e.ctrlKey || e.metaKey) ? void submit() : undefined)}
      noValidate
      className="space-y-5 rounded-lg bg-white p-5 ring-1 ring-slate-200"
    >
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Run name (optional)</span>
        <input
          aria-label="Run name"
          {...form.register("name")}
          className={`${field} w-96`}
          placeholder="e.g. prompt v2 against golden set"
        />
      </label>
      <fieldset className="space-y-2 text-sm">
        <legend className="mb-1 font-medium">What to score</legend>
        <label className="mr-4">
          <input type="radio" value="dataset" {...form.register("mode")} /> A dataset
        </label>
        <label>
          <input type="radio" value="filter" {...form.register("mode")} /> Traces matching a filter
        </label>
        {mode === "dataset" ? (
          <div>
            <select
              aria-label="Dataset"
              value={chosenDataset}
              onChange={(e) => form.setValue("datasetId", e.target.value)}
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
            {...form.register("filter")}
            className={`${field} w-full font-mono`}
            placeholder="e.g. tags.env = 'prod' AND attributes.status = 'OK'"
          />
        )}
      </fieldset>
      <fieldset className="text-sm">
        <legend className="mb-2 font-medium">Scorers</legend>
        <Controller
          control={form.control}
          name="picker"
          render={({ field: f }) => (
            <ScorerPicker state={f.value} onChange={f.onChange} judges={customJudges.data?.judges} />
          )}
        />
        {usesJudge && judge.data ? (
          <p
            data-testid="judge-info"
            className={`mt-2 text-xs ${judge.data.source === "none" ? "text-amber-700" : "text-slate-500"}`}
          >
            {judge.data.source === "none"
              ? "No judge endpoint is configured: an admin sets it in Settings (or JUDGE_BASE_URL / JUDGE_MODEL). Judge scores will be errors."
              : `Judge: ${judge.data.model} at ${judge.data.baseUrl} (from ${judge.data.source}).`}
          </p>
        ) : null}
      </fieldset>
      <Controller
        control={form.control}
        name="output"
        render={({ field: f }) => <OutputSourceFields state={f.value} onChange={f.onChange} />}
      />
      {errors.length ? (
        <ul role="alert" className="space-y-0.5 text-sm text-red-600">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
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
