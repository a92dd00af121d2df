"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import {
  CUSTOM_JUDGE_KEY,
  ScorerPicker,
  SCORER_CHOICES,
  scorerConfigs,
  type PickerState,
} from "@/components/evaluation/scorer-picker";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors, allFormMessages } from "@/components/ui/form";
import { useApi } from "@/components/evaluation/use-api";
import type { JudgeDto } from "@/lib/evaluation/custom-judges/types";
import { ZMonitoringRuleBody, type TMonitoringRuleInput } from "@/lib/monitoring/schemas";
import type { MonitoringRuleDto } from "@/lib/monitoring/types";
import { monitoringKeys } from "./query-keys";

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

/** The form's own shape (percent, picker, flat routing fields), turned into the API's rule body. */
const ZForm = z
  .object({
    name: z.string(),
    enabled: z.boolean(),
    filter: z.string(),
    samplingPercent: z.number({ error: "enter a percentage" }),
    picker: z.custom<PickerState>(),
    routeOn: z.boolean(),
    sessionId: z.string(),
    whenKind: z.enum(["judge_no", "score_below", "user_feedback_false"]),
    whenScorer: z.string(),
    threshold: z.number({ error: "enter a number" }),
    dailyCap: z.number({ error: "enter a number" }),
    /** Custom judges' names by id: a judge's scores (and the routing condition) go by its name. */
    judgeNames: z.record(z.string(), z.string()),
  })
  .transform((f): TMonitoringRuleInput => ({
    name: f.name,
    enabled: f.enabled,
    filter: f.filter,
    samplingRate: f.samplingPercent / 100,
    scorers: scorerConfigs(f.picker).map((s) =>
      s.type === "custom_judge" ? { ...s, name: f.judgeNames[s.judgeId] ?? s.judgeId } : s,
    ),
    routing: f.routeOn
      ? {
          sessionId: f.sessionId,
          dailyCap: f.dailyCap,
          when:
            f.whenKind === "user_feedback_false"
              ? { kind: "user_feedback_false" }
              : f.whenKind === "judge_no"
                ? { kind: "judge_no", scorer: f.whenScorer }
                : { kind: "score_below", scorer: f.whenScorer, threshold: f.threshold },
        }
      : null,
  }))
  .pipe(ZMonitoringRuleBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

function initial(rule: MonitoringRuleDto | undefined, sessions: { id: string }[]): FormFields {
  const when = rule?.routing?.when;
  const guidelines = rule?.scorers.find((s) => s.type === "guidelines");
  const latency = rule?.scorers.find((s) => s.type === "latency");
  return {
    name: rule?.name ?? "",
    enabled: rule?.enabled ?? true,
    filter: rule?.filter ?? "",
    samplingPercent: Math.round((rule?.samplingRate ?? 1) * 100),
    picker: {
      selected: new Set(
        rule
          ? rule.scorers.map((s) => (s.type === "custom_judge" ? `${CUSTOM_JUDGE_KEY}${s.judgeId}` : s.type))
          : ["safety"],
      ),
      guidelines: guidelines && "guidelines" in guidelines ? guidelines.guidelines.join("\n") : "",
      maxMs: latency && "maxMs" in latency ? latency.maxMs : 5000,
      absTol: 0,
    },
    routeOn: Boolean(rule?.routing),
    sessionId: rule?.routing?.sessionId ?? sessions[0]?.id ?? "",
    whenKind: when?.kind ?? "judge_no",
    whenScorer: when && when.kind !== "user_feedback_false" ? when.scorer : "",
    threshold: when?.kind === "score_below" ? when.threshold : 0.5,
    dailyCap: rule?.routing?.dailyCap ?? 50,
    judgeNames: {},
  };
}

/** Create or edit a monitoring rule. Editing what it scores makes a new version. Ctrl/⌘+Enter submits. */
export function RuleForm({
  experimentId,
  sessions,
  rule,
}: {
  experimentId: string;
  sessions: { id: string; name: string }[];
  rule?: MonitoringRuleDto;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const form = useForm<FormFields, unknown, Body>({
    resolver: zodResolver(ZForm),
    defaultValues: initial(rule, sessions),
  });
  const save = useMutation({
    mutationFn: (body: Body) =>
      rule
        ? api.put<MonitoringRuleDto>(`/api/monitoring/rules/${rule.id}`, body)
        : api.post<MonitoringRuleDto>(`/api/monitoring/experiments/${experimentId}/rules`, body),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: monitoringKeys.all });
      router.push(`/experiments/${experimentId}/monitoring/${saved.id}`);
      router.refresh();
    },
  });
  const busy = save.isPending || save.isSuccess;
  const customJudges = useApi<{ judges: JudgeDto[] }>(`/api/evaluation/experiments/${experimentId}/judges`);
  const judges = useMemo(() => customJudges.data?.judges ?? [], [customJudges.data]);
  useEffect(() => {
    form.setValue("judgeNames", Object.fromEntries(judges.map((j) => [j.id, j.name])));
  }, [judges, form]);
  const [picker, routeOn, whenKind] = form.watch(["picker", "routeOn", "whenKind"]);
  // What the routing condition can name: the chosen scorers, custom judges by their name.
  const scorerNames = [
    ...judges
      .filter((j) => picker.selected.has(`${CUSTOM_JUDGE_KEY}${j.id}`))
      .map((j) => ({ value: j.name, label: j.name })),
    ...SCORER_CHOICES.filter((c) => picker.selected.has(c.type)).map((c) => ({ value: c.type, label: c.label })),
  ];
  const errors = allFormMessages(form.formState.errors);

  const submit = (e?: React.BaseSyntheticEvent) => {
    if (busy) return e?.preventDefault();
    return form.handleSubmit(async (body) => {
      try {
        await save.mutateAsync(body);
      } catch (err) {
        applyServerErrors(err, form.setError, {
          name: "name",
          filter: "filter",
          samplingRate: "samplingPercent",
          scorers: "picker",
          "routing.sessionId": "sessionId",
          "routing.when.scorer": "whenScorer",
          "routing.when.threshold": "threshold",
          "routing.dailyCap": "dailyCap",
          routing: "routeOn",
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
      <div className="flex flex-wrap gap-6">
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Rule name</span>
          <input aria-label="Rule name" {...form.register("name")} className={`${field} w-80`} />
        </label>
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" {...form.register("enabled")} /> Enabled
        </label>
      </div>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Which traces (filter, optional)</span>
        <input
          aria-label="Trace filter"
          {...form.register("filter")}
          className={`${field} w-full font-mono`}
          placeholder="e.g. tags.env = 'prod'"
        />
        <span className="mt-1 block text-xs text-slate-500">
          The traces table&apos;s search grammar. Only complete traces (OK or ERROR) are scored.
        </span>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Sample (% of matching traces)</span>
        <input
          aria-label="Sampling percent"
          type="number"
          min={0}
          max={100}
          {...form.register("samplingPercent", { valueAsNumber: true })}
          className={`${field} w-24`}
        />
      </label>
      <fieldset className="text-sm">
        <legend className="mb-2 font-medium">Scorers and judges</legend>
        <Controller
          control={form.control}
          name="picker"
          render={({ field: f }) => <ScorerPicker state={f.value} onChange={f.onChange} judges={judges} />}
        />
      </fieldset>
      <fieldset className="space-y-2 text-sm">
        <legend className="mb-1 font-medium">Labeling queue</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" aria-label="Route to a labeling session" {...form.register("routeOn")} /> Add the trace
          to a labeling session when…
        </label>
        {routeOn ? (
          <div className="flex flex-wrap items-center gap-2 pl-6">
            <select aria-label="Condition" {...form.register("whenKind")} className={field}>
              <option value="judge_no">a judge says no</option>
              <option value="score_below">a score is below</option>
              <option value="user_feedback_false">end-user feedback is negative</option>
            </select>
            {whenKind !== "user_feedback_false" ? (
              <select aria-label="Scorer" {...form.register("whenScorer")} className={field}>
                <option value="">choose a scorer…</option>
                {scorerNames.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : null}
            {whenKind === "score_below" ? (
              <input
                aria-label="Threshold"
                type="number"
                step="any"
                {...form.register("threshold", { valueAsNumber: true })}
                className={`${field} w-24`}
              />
            ) : null}
            <span>into</span>
            <select aria-label="Labeling session" {...form.register("sessionId")} className={field}>
              {sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <span>at most</span>
            <input
              aria-label="Daily cap"
              type="number"
              min={1}
              {...form.register("dailyCap", { valueAsNumber: true })}
              className={`${field} w-20`}
            />
            <span>a day</span>
            {!sessions.length ? (
              <p className="w-full text-xs text-amber-700">
                No labeling sessions yet: create one on the Labeling page.
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      {errors.length ? (
        <ul role="alert" className="space-y-0.5 text-sm text-red-600">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <Button type="submit" disabled={busy || picker.selected.size === 0} title="Ctrl/⌘ + Enter">
        {busy ? "Saving…" : rule ? "Save (new version)" : "Create rule"}
      </Button>
    </form>
  );
}
