"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { ZUpdateJudgeSettingsBody } from "@/lib/evaluation/schemas";
import type { JudgeSettingsDto } from "@/lib/evaluation/types";
import { settingsKeys } from "./query-keys";

const field = "rounded-md border border-slate-300 px-2.5 py-1.5 text-sm";

// The contract, with the key as typed: an empty box keeps the stored key (the body then omits it).
const ZJudgeForm = ZUpdateJudgeSettingsBody.pick({ baseUrl: true, model: true }).extend({
  apiKey: z.string().max(1000),
});
type JudgeForm = z.infer<typeof ZJudgeForm>;

/** The LLM-judge endpoint (any OpenAI-compatible server). The stored key is never sent back: only its last characters. */
export function JudgeSettingsPanel({ canEdit }: { canEdit: boolean }) {
  const current = useQuery({
    queryKey: settingsKeys.judge,
    queryFn: ({ signal }) => api.get<JudgeSettingsDto>("/api/evaluation/judge-settings", signal),
  });
  const s = current.data;
  return (
    <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 className="text-base font-semibold">LLM judge</h2>
      <p className="mt-1 text-sm text-slate-600">
        Evaluation judges (Correctness, Guidelines, …) call this OpenAI-compatible endpoint. Without settings here,
        JUDGE_BASE_URL, JUDGE_MODEL and JUDGE_API_KEY from the environment are used.
      </p>
      {s ? (
        <p data-testid="judge-current" className="mt-2 text-sm text-slate-700">
          {s.source === "none"
            ? "No judge configured."
            : `In use (${s.source}): ${s.model} at ${s.baseUrl}${s.apiKeySet ? `, key ${s.apiKeyHint}` : ", no key"}.`}
        </p>
      ) : null}
      {current.error ? (
        <p role="alert" className="mt-2 text-sm text-red-600">
          {errorMessage(current.error)}
        </p>
      ) : null}
      {!canEdit ? (
        <p className="mt-2 text-xs text-slate-500">Only admins change the judge.</p>
      ) : s ? (
        <JudgeForm current={s} />
      ) : null}
    </section>
  );
}

function JudgeForm({ current }: { current: JudgeSettingsDto }) {
  const client = useQueryClient();
  const form = useForm<JudgeForm>({
    resolver: zodResolver(ZJudgeForm),
    defaultValues: { baseUrl: current.baseUrl ?? "", model: current.model ?? "", apiKey: "" },
  });
  const save = useMutation({
    mutationFn: ({ apiKey, ...rest }: JudgeForm) =>
      api.put<JudgeSettingsDto>("/api/evaluation/judge-settings", { ...rest, ...(apiKey ? { apiKey } : {}) }),
    onSuccess: (saved) => {
      client.setQueryData(settingsKeys.judge, saved);
      form.reset({ baseUrl: saved.baseUrl ?? "", model: saved.model ?? "", apiKey: "" });
    },
  });
  const onSubmit = form.handleSubmit(async (v) => {
    try {
      await save.mutateAsync(v);
    } catch (err) {
      applyServerErrors(err, form.setError, ["baseUrl", "model", "apiKey"]);
    }
  });
  const { errors } = form.formState;
  const fieldError = errors.baseUrl ?? errors.model ?? errors.apiKey;
  return (
    <form onSubmit={onSubmit} className="mt-3 flex flex-wrap gap-2" noValidate>
      <input
        aria-label="Judge base URL"
        placeholder="https://api.openai.com/v1"
        aria-invalid={Boolean(errors.baseUrl)}
        className={`${field} w-80`}
        {...form.register("baseUrl")}
      />
      <input
        aria-label="Judge model"
        placeholder="gpt-4.1-mini"
        aria-invalid={Boolean(errors.model)}
        className={`${field} w-48`}
        {...form.register("model")}
      />
      <input
        aria-label="Judge API key"
        type="password"
        placeholder={current.apiKeySet ? "keep the stored key" : "API key (optional)"}
        className={`${field} w-56`}
        autoComplete="off"
        {...form.register("apiKey")}
      />
      <Button type="submit" disabled={save.isPending}>
        Save judge
      </Button>
      <div className="w-full">
        {fieldError ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.baseUrl ? "Base URL: " : errors.model ? "Model: " : "API key: "}
            {fieldError.message}
          </p>
        ) : null}
        <FormError errors={errors} />
        {save.isSuccess && !form.formState.isDirty ? (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
