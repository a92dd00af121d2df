"use client";

import { useController, useFormState, type Control } from "react-hook-form";
import { MarkdownText } from "@/components/traces/content/markdown-text";
import type { TFormSchema, TFormState } from "@/lib/labeling/form-values";

interface Props {
  schema: TFormSchema;
  index: number;
  /** The review form (react-hook-form); this question owns `<name>.value` and `<name>.comment`. */
  control: Control<TFormState>;
  active: boolean;
  onFocus: () => void;
  /** Keeps ids and radio groups apart when one page shows the questions twice (compare: per side). */
  idPrefix?: string;
}

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";

/**
 * One question of the review form: title, instruction (markdown, rendered safely), the input
 * its schema asks for, and a comment box when enabled. Number keys pick options of the active
 * question (the review queue handles the keys; the numbers are shown next to each option).
 * Its messages come from the form: the answer validators (zodResolver) or the server.
 */
export function LabelQuestion({ schema, index, control, active, onFocus, idPrefix = "" }: Props) {
  const input = schema.input;
  const id = `q-${idPrefix}${schema.name}`;
  const valueField = useController({ control, name: `${schema.name}.value` });
  const commentField = useController({ control, name: `${schema.name}.comment` });
  // Subscribes to this question's errors (the resolver sets them on `<name>`, the server too).
  const error = useFormState({ control, name: schema.name }).errors[schema.name];
  const answer = { value: valueField.field.value ?? "", comment: commentField.field.value ?? "" };
  const set = (value: string | string[]) => valueField.field.onChange(value);
  const errors = [error?.message, error?.value?.message, error?.comment?.message].filter((m): m is string =>
    Boolean(m),
  );
  return (
    <fieldset
      data-testid={`question-${schema.name}`}
      data-active={active}
      onFocus={onFocus}
      onClick={onFocus}
      aria-invalid={errors.length ? true : undefined}
      className={`rounded-lg border bg-white p-3 ${active ? "border-indigo-400 ring-2 ring-indigo-100" : "border-slate-200"}`}
    >
      <legend className="sr-only">{schema.title}</legend>
      <div className="mb-1 flex items-baseline gap-2">
        <span className="text-xs font-semibold text-slate-500">Q{index + 1}</span>
        <h3 className="text-sm font-semibold text-slate-900">{schema.title}</h3>
        <span className="ml-auto rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-600">{schema.type}</span>
      </div>
      {schema.instruction ? (
        <MarkdownText className="mb-2 text-xs text-slate-600">{schema.instruction}</MarkdownText>
      ) : null}

      {input.type === "categorical" || input.type === "categorical_list" ? (
        <div
          role={input.type === "categorical" ? "radiogroup" : "group"}
          aria-label={schema.title}
          className="flex flex-col gap-1"
        >
          {input.options.map((option, i) => {
            const checked = Array.isArray(answer.value) ? answer.value.includes(option) : answer.value === option;
            const toggle = () => {
              if (input.type === "categorical") set(option);
              else
                set(
                  checked
                    ? (answer.value as string[]).filter((o) => o !== option)
                    : [...(answer.value as string[]), option],
                );
            };
            return (
              <label
                key={option}
                className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm ${checked ? "bg-indigo-50 text-indigo-900" : "hover:bg-slate-50"}`}
              >
                <input
                  type={input.type === "categorical" ? "radio" : "checkbox"}
                  name={id}
                  checked={checked}
                  onChange={toggle}
                  className="accent-indigo-600"
                />
                {i < 9 ? (
                  <kbd className="rounded border border-slate-300 px-1 text-[10px] text-slate-500">{i + 1}</kbd>
                ) : null}
                <span>{option}</span>
              </label>
            );
          })}
        </div>
      ) : input.type === "numeric" ? (
        <input
          id={id}
          aria-label={schema.title}
          inputMode="decimal"
          className={inputClass}
          value={answer.value as string}
          placeholder={
            [
              input.minValue !== undefined ? `min ${input.minValue}` : null,
              input.maxValue !== undefined ? `max ${input.maxValue}` : null,
            ]
              .filter(Boolean)
              .join(", ") || "a number"
          }
          onChange={(e) => set(e.target.value)}
        />
      ) : (
        <div>
          <textarea
            id={id}
            aria-label={schema.title}
            rows={input.type === "text_list" ? 4 : 3}
            className={inputClass}
            value={answer.value as string}
            placeholder={input.type === "text_list" ? "One entry per line" : "Your answer"}
            onChange={(e) => set(e.target.value)}
          />
          <p className="mt-0.5 text-[11px] text-slate-500">
            {input.type === "text" && input.maxLength
              ? `${(answer.value as string).trim().length} / ${input.maxLength} characters`
              : null}
            {input.type === "text_list"
              ? [
                  input.maxCount ? `at most ${input.maxCount} entries` : null,
                  input.maxLengthEach ? `${input.maxLengthEach} characters each` : null,
                ]
                  .filter(Boolean)
                  .join(", ")
              : null}
          </p>
        </div>
      )}

      {schema.enableComment ? (
        <textarea
          aria-label={`Comment on ${schema.title}`}
          rows={1}
          className={`${inputClass} mt-2 text-xs`}
          placeholder="Comment (optional)"
          value={answer.comment}
          onChange={(e) => commentField.field.onChange(e.target.value)}
        />
      ) : null}
      {errors.map((e) => (
        <p key={e} role="alert" className="mt-1 text-xs text-red-600">
          {e}
        </p>
      ))}
    </fieldset>
  );
}
