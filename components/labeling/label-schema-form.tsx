"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import { api, ApiError } from "@/components/ui/api-client";
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
 * The form's fields are named after the contract's paths (`input.options`, `input.maxLength`, …) but hold
 * what was typed; the resolver turns them into the request body and checks it with the API's own contract
 * (`ZCreateLabelSchemaBody`), so its messages land on the fields that caused them.
 */
const ZFormFields = z.object({
  name: z.string(),
  type: ZLabelSchemaType,
  title: z.string(),
  instruction: z.string(),
  enableComment: z.boolean(),
  /** Set by the "Replace the existing schema" button after the server reported the name taken. */
  overwrite: z.boolean(),
  input: z.object({
    type: z.enum(LABEL_INPUT_TYPES),
    options: z.string(),
    maxLength: z.string(),
    maxLengthEach: z.string(),
    maxCount: z.string(),
    minValue: z.string(),
    maxValue: z.string(),
  }),
});

const ZForm = ZFormFields.transform((f): z.input<typeof ZCreateLabelSchemaBody> => ({
  name: f.name,
  type: f.type,
  title: f.title,
  instruction: f.instruction.trim() ? f.instruction : undefined,
  enableComment: f.enableComment,
  overwrite: f.overwrite,
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
      return { type: f.type, maxLength: num(f.maxLength) };
    case "text_list":
      return { type: f.type, maxLengthEach: num(f.maxLengthEach), maxCount: num(f.maxCount) };
    case "numeric":
      return { type: f.type, minValue: num(f.minValue), maxValue: num(f.maxValue) };
  }
}

function defaults(schema: LabelSchemaDto | undefined): FormFields {
  const input = schema?.input;
  return {
    name: schema?.name ?? "",
    type: schema?.type ?? "feedback",
    title: schema?.title ?? "",
    instruction: schema?.instruction ?? "",
    enableComment: schema?.enableComment ?? false,
    overwrite: false,
    input: {
      type: input?.type ?? "categorical",
      options: input && "options" in input ? input.options.join("\n") : "",
      maxLength: input?.type === "text" ? str(input.maxLength) : "",
      maxLengthEach: input?.type === "text_list" ? str(input.maxLengthEach) : "",
      maxCount: input?.type === "text_list" ? str(input.maxCount) : "",
      minValue: input?.type === "numeric" ? str(input.minValue) : "",
      maxValue: input?.type === "numeric" ? str(input.maxValue) : "",
    },
  };
}

const FIELDS = ["name", "type", "title", "instruction", "enableComment", "input"];

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
    mutationFn: (body: Body) =>
      schema
        ? api.patch<LabelSchemaDto>(`/api/labeling/schemas/${schema.id}`, {
            title: body.title,
            instruction: body.instruction ?? null,
            enableComment: body.enableComment,
            input: body.input,
          })
        : api.post<LabelSchemaDto>("/api/labeling/schemas", { ...body, experimentId }),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: labelingKeys.schemas(experimentId) });
      onSaved(saved);
    },
  });
  // The name another schema of this experiment already has: offer to replace that one.
  const [takenName, setTakenName] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (body) => {
    try {
      await save.mutateAsync(body);
    } catch (err) {
      if (!schema && err instanceof ApiError && err.status === 409) setTakenName(body.name);
      applyServerErrors(err, form.setError, FIELDS);
    } finally {
      form.setValue("overwrite", false);
    }
  });
  const replaceExisting = () => {
    form.setValue("overwrite", true);
    void onSubmit();
  };
  const [title, instruction, inputType, name] = watch(["title", "instruction", "input.type", "name"]);
  const inputFields = watch("input");
  // Name, type and input type cannot change once the schema exists: shown disabled and left unregistered,
  // so the form keeps their values (a disabled registered field would drop out of the submitted values).
  const fixed = (name: "name" | "type" | "input.type") =>
    schema ? { disabled: true, value: form.getValues(name), onChange: () => {} } : register(name);
  const inputError =
    errors.input?.options?.message ??
    errors.input?.maxLength?.message ??
    errors.input?.maxLengthEach?.message ??
    errors.input?.maxCount?.message ??
    errors.input?.minValue?.message ??
    errors.input?.maxValue?.message ??
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
          <input type="checkbox" {...register("enableComment")} /> Let reviewers add a comment
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
            {...register("input.maxLength")}
          />
        ) : null}
        {inputType === "text_list" ? (
          <>
            <TextField label="Maximum entries (optional)" inputMode="numeric" {...register("input.maxCount")} />
            <TextField
              label="Maximum length of each entry (optional)"
              inputMode="numeric"
              {...register("input.maxLengthEach")}
            />
          </>
        ) : null}
        {inputType === "numeric" ? (
          <div className="grid grid-cols-2 gap-2">
            <TextField label="Minimum (optional)" inputMode="decimal" {...register("input.minValue")} />
            <TextField label="Maximum (optional)" inputMode="decimal" {...register("input.maxValue")} />
          </div>
        ) : null}
        {inputError ? <p className="text-xs text-red-600">Input: {inputError}</p> : null}
        <section className="rounded-md border border-dashed border-slate-300 p-3" aria-label="Preview">
          <p className="mb-1 text-xs font-semibold uppercase text-slate-500">Reviewers will see</p>
          <p className="text-sm font-semibold">{title || "Your question"}</p>
          {instruction.trim() ? <MarkdownText className="text-xs text-slate-600">{instruction}</MarkdownText> : null}
          <InputPreview input={buildInput(inputFields)} />
        </section>
      </div>
      <div className="md:col-span-2">
        <FormError errors={errors} />
        {takenName && takenName === name ? (
          <div role="alert" className="mt-2 flex flex-wrap items-center gap-3 rounded-md bg-amber-50 p-3 text-sm">
            <span className="text-amber-900">
              This experiment already has a schema named &apos;{takenName}&apos;. Choose another name above, or replace
              that schema with this one (answers already given stay valid only if this one still accepts them).
            </span>
            <Button type="button" variant="secondary" onClick={replaceExisting} disabled={formState.isSubmitting}>
              Replace the existing schema
            </Button>
          </div>
        ) : null}
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

/** What a reviewer will be asked to give, from the options and limits typed so far. */
function InputPreview({ input }: { input: TLabelSchemaInput }) {
  const box = "mt-2 text-xs text-slate-700";
  switch (input.type) {
    case "categorical":
    case "categorical_list":
      return input.options.length ? (
        <div className={box}>
          <p className="mb-1 text-slate-500">{input.type === "categorical" ? "Pick one:" : "Pick any:"}</p>
          <ol className="flex flex-col gap-0.5" aria-label="Options preview">
            {input.options.map((o, i) => (
              <li key={`${i}-${o}`} className="flex items-center gap-2">
                <kbd className="rounded border border-slate-300 px-1 font-mono text-[10px]">{i + 1}</kbd>
                {o}
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p className={box}>No options yet: type them one per line.</p>
      );
    case "numeric":
      return <p className={box}>{numericRange(input.minValue, input.maxValue)}</p>;
    case "text":
      return (
        <p className={box}>Free text{input.maxLength ? `, at most ${input.maxLength} characters` : ", any length"}.</p>
      );
    case "text_list":
      return (
        <p className={box}>
          A list of texts
          {input.maxCount ? `, at most ${input.maxCount} entries` : ""}
          {input.maxLengthEach ? `, each at most ${input.maxLengthEach} characters` : ""}.
        </p>
      );
  }
}

function numericRange(min: number | undefined, max: number | undefined): string {
  const ok = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n);
  if (ok(min) && ok(max)) return `A number from ${min} to ${max}.`;
  if (ok(min)) return `A number of at least ${min}.`;
  if (ok(max)) return `A number of at most ${max}.`;
  return "Any number.";
}
