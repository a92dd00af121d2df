"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import { JUDGE_OUTPUT_TYPES, ZCreateJudgeBody } from "@/lib/evaluation/custom-judges/schemas";
import type { JudgeDetailDto, JudgeDto } from "@/lib/evaluation/custom-judges/types";
import { TEMPLATE_VARIABLES } from "@/lib/evaluation/judges/template";
import { evaluationKeys } from "./query-keys";

const OUTPUT_LABEL: Record<(typeof JUDGE_OUTPUT_TYPES)[number], string> = {
  yes_no: "Yes / no",
  categorical: "Categorical (one of several options)",
  numeric: "Numeric (a score in a range)",
};

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const opt = (s: string) => (s.trim() === "" ? undefined : s.trim());

/** The form as typed (text boxes), turned into the API's body and checked with its contract. */
const ZForm = z
  .object({
    name: z.string(),
    labelName: z.string(),
    prompt: z.string(),
    outputType: z.enum(JUDGE_OUTPUT_TYPES),
    options: z.string(),
    min: z.string(),
    max: z.string(),
    baseUrl: z.string(),
    model: z.string(),
    apiKey: z.string(),
  })
  .transform((f): z.input<typeof ZCreateJudgeBody> => ({
    name: f.name,
    labelName: f.labelName,
    prompt: f.prompt,
    outputType: f.outputType,
    options:
      f.outputType === "categorical"
        ? f.options
            .split(/[\n,]/)
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    min: f.outputType === "numeric" ? num(f.min) : undefined,
    max: f.outputType === "numeric" ? num(f.max) : undefined,
    baseUrl: opt(f.baseUrl),
    model: opt(f.model),
    apiKey: opt(f.apiKey),
  }))
  .pipe(ZCreateJudgeBody);
type Fields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

const FIELDS = ["name", "labelName", "prompt", "outputType", "options", "min", "max", "baseUrl", "model", "apiKey"];

const EXAMPLE = `Does the answer in {{ outputs }} respond to the question in {{ inputs }} politely and without blaming the user?`;

function defaults(j: JudgeDto | null): Fields {
  const c = j?.current;
  return {
    name: j?.name ?? "",
    labelName: j?.labelName ?? "",
    prompt: c?.prompt ?? EXAMPLE,
    outputType: c?.outputType ?? "yes_no",
    options: c?.options.join("\n") ?? "",
    min: c?.min?.toString() ?? "1",
    max: c?.max?.toString() ?? "5",
    baseUrl: c?.baseUrl ?? "",
    model: c?.model ?? "",
    apiKey: "",
  };
}

/**
 * Defines a custom judge, or (with `judge`) edits it: saving an edit makes a new version. The
 * endpoint is optional (the judge settings are used without one); a key typed here is sent once
 * and stored encrypted, never shown again.
 */
export function JudgeForm({
  experimentId,
  judge = null,
  onSaved,
}: {
  experimentId: string;
  judge?: JudgeDto | null;
  onSaved?: (saved: JudgeDetailDto) => void;
}) {
  const client = useQueryClient();
  const form = useForm<Fields, unknown, Body>({ resolver: zodResolver(ZForm), defaultValues: defaults(judge) });
  const save = useMutation({
    mutationFn: ({ name, ...rest }: Body) =>
      judge
        ? api.put<JudgeDetailDto>(`/api/evaluation/judges/${judge.id}`, rest)
        : api.post<JudgeDetailDto>(`/api/evaluation/experiments/${experimentId}/judges`, { name, ...rest }),
    onSuccess: async (saved) => {
      form.reset(defaults(saved));
      await client.invalidateQueries({ queryKey: evaluationKeys.all });
      onSaved?.(saved);
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, FIELDS);
    }
  });
  const { errors, isSubmitting } = form.formState;
  const outputType = form.watch("outputType");
  return (
    <form onSubmit={onSubmit} noValidate aria-label={judge ? "Edit judge" : "New judge"} className="space-y-3 text-sm">
      <div className="grid gap-3 md:grid-cols-2">
        <TextField
          label="Name (names its scores)"
          disabled={Boolean(judge)}
          error={errors.name?.message}
          {...form.register("name")}
        />
        <TextField
          label="Human label to compare with (assessment name)"
          placeholder="e.g. politeness"
          error={errors.labelName?.message}
          {...form.register("labelName")}
        />
      </div>
      <label className="block">
        <span className="mb-1 block font-medium text-slate-700">Prompt</span>
        <textarea
          rows={6}
          aria-invalid={Boolean(errors.prompt)}
          className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs"
          {...form.register("prompt")}
        />
        <span className="mt-1 block text-xs text-slate-500">
          Variables: {TEMPLATE_VARIABLES.map((v) => `{{ ${v} }}`).join(", ")}. The judge answers with a rationale and a
          result of the output type below.
        </span>
        {errors.prompt ? (
          <span role="alert" className="mt-1 block text-xs text-red-600">
            {errors.prompt.message}
          </span>
        ) : null}
      </label>
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-700">Output</legend>
        <div className="flex flex-wrap gap-4">
          {JUDGE_OUTPUT_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-1.5">
              <input type="radio" value={t} {...form.register("outputType")} />
              {OUTPUT_LABEL[t]}
            </label>
          ))}
        </div>
        {outputType === "categorical" ? (
          <label className="block">
            <span className="mb-1 block text-slate-700">Categories (one per line)</span>
            <textarea
              rows={3}
              aria-invalid={Boolean(errors.options)}
              className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5"
              {...form.register("options")}
            />
            {errors.options ? <span className="text-xs text-red-600">{errors.options.message}</span> : null}
          </label>
        ) : null}
        {outputType === "numeric" ? (
          <div className="flex gap-3">
            <TextField label="Lowest score" inputMode="decimal" error={errors.min?.message} {...form.register("min")} />
            <TextField
              label="Highest score"
              inputMode="decimal"
              error={errors.max?.message}
              {...form.register("max")}
            />
          </div>
        ) : null}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-700">Model endpoint (optional)</legend>
        <p className="text-xs text-slate-500">
          Leave empty to use the judge settings (Settings). Any OpenAI-compatible chat completions endpoint.
        </p>
        <div className="grid gap-3 md:grid-cols-3">
          <TextField
            label="Base URL"
            placeholder="https://api.openai.com/v1"
            error={errors.baseUrl?.message}
            {...form.register("baseUrl")}
          />
          <TextField label="Model" error={errors.model?.message} {...form.register("model")} />
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            placeholder={judge?.current.apiKeySet ? "keep the stored key" : "optional"}
            error={errors.apiKey?.message}
            {...form.register("apiKey")}
          />
        </div>
      </fieldset>
      <FormError errors={errors} />
      <Button type="submit" disabled={isSubmitting}>
        {judge ? "Save as new version" : "Create judge"}
      </Button>
    </form>
  );
}
