"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";
import {
  LABEL_INPUT_TYPES,
  ZCreateLabelSchemaBody,
  ZLabelSchemaType,
  type TLabelInputType,
  type TLabelSchemaInput,
} from "@/lib/labeling/schemas";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import { labelingKeys } from "./query-keys";

const INPUT_LABELS: Record<TLabelInputType, string> = {
  categorical: "Pick one option",
  categorical_list: "Pick several options",
  text: "Free text",
  text_list: "List of texts",
  numeric: "Number",
};

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const str = (n: number | undefined) => (n === undefined ? "" : String(n));

/**
 * The form's fields are named after the contract's paths (`input.options`, `input.max_length`, …) but hold
 * what was typed; the resolver turns them into the request body and checks it with the API's own contract
 * (`ZCreateLabelSchemaBody`), so its messages land on the fields that caused them.
 */
const ZFormFields = z.object({
  name: z.string(),
  type: ZLabelSchemaType,
  title: z.string(),
  instruction: z.string(),
  enable_comment: z.boolean(),
  input: z.object({
    type: z.enum(LABEL_INPUT_TYPES),
    options: z.string(),
    max_length: z.string(),
    max_length_each: z.string(),
    max_count: z.string(),
    min_value: z.string(),
    max_value: z.string(),
  }),
});

const ZForm = ZFormFields.transform((f): z.input<typeof ZCreateLabelSchemaBody> => ({
  name: f.name,
  type: f.type,
  title: f.title,
  instruction: f.instruction.trim() ? f.instruction : undefined,
  enable_comment: f.enable_comment,
  input: buildInput(f.input),
})).pipe(ZCreateLabelSchemaBody);
type FormFields = z.input<typeof ZForm>;
type Body = z.output<typeof ZForm>;

function buildInput(f: z.infer<typeof ZFormFields>["input"]): TLabelSchemaInput {
  const options = f.options
    .split("\n")
    .map((o) => o.trim())
    .filter(Boolean);
  switch (f.type) {
    case "categorical":
    case "categorical_list":
      return { type: f.type, options };
    case "text":
      return { type: f.type, max_length: num(f.max_length) };
    case "text_list":
      return { type: f.type, max_length_each: num(f.max_length_each), max_count: num(f.max_count) };
    case "numeric":
      return { type: f.type, min_value: num(f.min_value), max_value: num(f.max_value) };
  }
}

function defaults(schema: LabelSchemaDto | undefined): FormFields {
  const input = schema?.input;
  return {
    name: schema?.name ?? "",
    type: schema?.type ?? "feedback",
    title: schema?.title ?? "",
    instruction: schema?.instruction ?? "",
    enable_comment: schema?.enable_comment ?? false,
    input: {
      type: input?.type ?? "categorical",
      options: input && "options" in input ? input.options.join("\n") : "",
      max_length: input?.type === "text" ? str(input.max_length) : "",
      max_length_each: input?.type === "text_list" ? str(input.max_length_each) : "",
      max_count: input?.type === "text_list" ? str(input.max_count) : "",
      min_value: input?.type === "numeric" ? str(input.min_value) : "",
      max_value: input?.type === "numeric" ? str(input.max_value) : "",
    },
  };
}

const FIELDS = ["name", "type", "title", "instruction", "enable_comment", "input"];

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
  const client = useQueryClient();
  const form = useForm<FormFields, unknown, Body>({ resolver: zodResolver(ZForm), defaultValues: defaults(schema) });
  const { register, watch, formState } = form;
  const { errors } = formState;
  const save = useMutation({
    mutationFn: ({ overwrite: _overwrite, ...body }: Body) =>
      schema
        ? api.patch<LabelSchemaDto>(`/api/labeling/schemas/${schema.id}`, {
            title: body.title,
            instruction: body.instruction ?? null,
            enable_comment: body.enable_comment,
            input: body.input,
          })
        : api.post<LabelSchemaDto>("/api/labeling/schemas", { ...body, experiment_id: experimentId }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: labelingKeys.schemas(experimentId) });
      onSaved(saved);
    },
  });
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
    } catch (err) {
      applyServerErrors(err, form.setError, FIELDS);
    }
  });
  const [title, instruction, inputType] = watch(["title", "instruction", "input.type"]);
  // Name, type and input type cannot change once the schema exists: shown disabled and left unregistered,
  // so the form keeps their values (a disabled registered field would drop out of the submitted values).
  const fixed = (name: "name" | "type" | "input.type") =>
    schema ? { disabled: true, value: form.getValues(name), onChange: () => {} } : register(name);
  const inputError =
    errors.input?.options?.message ??
    errors.input?.max_length?.message ??
    errors.input?.max_length_each?.message ??
    errors.input?.max_count?.message ??
    errors.input?.min_value?.message ??
    errors.input?.max_value?.message ??
    errors.input?.message;

  return (
    <form
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2"
      aria-label={schema ? `Edit ${schema.name}` : "New label schema"}
      onSubmit={onSubmit}
      noValidate
    >
      <div className="flex flex-col gap-3">
        <TextField
          label="Name (also the assessment name)"
          placeholder="accuracy"
          error={errors.name?.message}
          {...fixed("name")}
        />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Type</span>
          <select
            aria-label="Type"
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            {...fixed("type")}
          >
            <option value="feedback">Feedback (a judgment of the response)</option>
            <option value="expectation">Expectation (the ground truth)</option>
          </select>
        </label>
        <TextField label="Question shown to reviewers" error={errors.title?.message} {...register("title")} />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Instruction (markdown)</span>
          <textarea
            aria-label="Instruction"
            rows={4}
            className="w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            {...register("instruction")}
          />
          {errors.instruction ? (
            <span className="mt-1 block text-xs text-red-600">{errors.instruction.message}</span>
          ) : null}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("enable_comment")} /> Let reviewers add a comment
        </label>
      </div>
      <div className="flex flex-col gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Input</span>
          <select
            aria-label="Input type"
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            {...fixed("input.type")}
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
              {...register("input.options")}
            />
          </label>
        ) : null}
        {inputType === "text" ? (
          <TextField
            label="Maximum length (characters, optional)"
            inputMode="numeric"
            {...register("input.max_length")}
          />
        ) : null}
        {inputType === "text_list" ? (
          <>
            <TextField label="Maximum entries (optional)" inputMode="numeric" {...register("input.max_count")} />
            <TextField
              label="Maximum length of each entry (optional)"
              inputMode="numeric"
              {...register("input.max_length_each")}
            />
          </>
        ) : null}
        {inputType === "numeric" ? (
          <div className="grid grid-cols-2 gap-2">
            <TextField label="Minimum (optional)" inputMode="decimal" {...register("input.min_value")} />
            <TextField label="Maximum (optional)" inputMode="decimal" {...register("input.max_value")} />
          </div>
        ) : null}
        {inputError ? <p className="text-xs text-red-600">Input: {inputError}</p> : null}
        <div className="rounded-md border border-dashed border-slate-300 p-3" aria-label="Preview">
          <p className="mb-1 text-xs font-semibold uppercase text-slate-500">Reviewers will see</p>
          <p className="text-sm font-semibold">{title || "Your question"}</p>
          {instruction.trim() ? <MarkdownText className="text-xs text-slate-600">{instruction}</MarkdownText> : null}
        </div>
      </div>
      <div className="md:col-span-2">
        <FormError errors={errors} />
      </div>
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : schema ? "Save changes" : "Create schema"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
