"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useMemo, useRef } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { z } from "zod";
import { FormError } from "@/components/ui/form-error";
import { applyServerErrors } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { parseFormValue, VALUE_TYPES, type ValueType } from "@/lib/assessments/form-value";
import { ZAssessmentKind, ZAssessmentName, type JsonValue, type TAssessmentKind } from "@/lib/assessments/schemas";

/** A label schema as GET /api/labeling/schemas returns it (only what the form needs). */
export interface LabelSchemaHint {
  name: string;
  type: string;
  input?: { type?: string; options?: string[] };
}

export interface AssessmentFormValues {
  kind: TAssessmentKind;
  name: string;
  value: JsonValue;
  rationale: string | null;
  spanId: string | null;
}

interface Props {
  mode: "create" | "edit" | "override";
  initial?: Partial<{
    kind: TAssessmentKind;
    name: string;
    valueType: ValueType;
    valueText: string;
    rationale: string;
    spanId: string | null;
  }>;
  /** Where a new assessment can go: the trace (null) or a span. */
  targets?: { spanId: string | null; label: string }[];
  suggestions?: string[];
  schemas?: LabelSchemaHint[];
  onSubmit: (values: AssessmentFormValues) => Promise<void>;
  onCancel: () => void;
}

const TYPE_LABELS: Record<ValueType, string> = {
  boolean: "Boolean",
  number: "Number",
  text: "Text",
  categorical: "Categorical",
  json: "JSON",
};

function schemaValueType(s: LabelSchemaHint | undefined): ValueType | null {
  switch (s?.input?.type) {
    case "categorical":
      return "categorical";
    case "numeric":
      return "number";
    case "text":
      return "text";
    case "categorical_list":
    case "text_list":
      return "json";
    default:
      return null;
  }
}

/** The form's fields; the value is typed text, parsed per value type when the form is checked. */
function formSchema(options: readonly string[]) {
  return z
    .object({
      kind: ZAssessmentKind,
      name: ZAssessmentName,
      valueType: z.enum(VALUE_TYPES),
      valueText: z.string(),
      rationale: z.string(),
      spanId: z.string().nullable(),
    })
    .superRefine((v, ctx) => {
      const parsed = parseFormValue(v.valueType, v.valueText, options);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["valueText"], message: parsed.error });
    });
}
type FormFields = z.infer<ReturnType<typeof formSchema>>;

/** Add, edit or override an assessment; checks the name and typed value before sending, the server checks again. */
export function AssessmentForm({
  mode,
  initial = {},
  targets = [],
  suggestions = [],
  schemas = [],
  onSubmit,
  onCancel,
}: Props) {
  const uid = useId();
  // Options depend on the chosen name (a label schema), so the resolver reads them when it runs.
  const optionsRef = useRef<readonly string[]>([]);
  const resolver = useMemo(
    () =>
      ((values, ctx, opts) => zodResolver(formSchema(optionsRef.current))(values, ctx, opts)) as Resolver<FormFields>,
    [],
  );
  const form = useForm<FormFields>({
    resolver,
    defaultValues: {
      kind: initial.kind ?? "FEEDBACK",
      name: initial.name ?? "",
      valueType: initial.valueType ?? "boolean",
      valueText: initial.valueText ?? ((initial.valueType ?? "boolean") === "boolean" ? "true" : ""),
      rationale: initial.rationale ?? "",
      spanId: initial.spanId ?? targets[0]?.spanId ?? null,
    },
  });
  const { register, handleSubmit, setValue, watch, formState } = form;
  const { errors, isSubmitting: busy } = formState;
  const [name, valueType, kind] = watch(["name", "valueType", "kind"]);
  const schema = schemas.find((s) => s.name === name);
  const options = schema?.input?.options ?? [];
  optionsRef.current = options;
  const locked = mode !== "create";

  // Opening the form puts the cursor in its first field (keyboard users start typing at once).
  const { setFocus } = form;
  useEffect(() => setFocus(locked ? "valueText" : "name"), [setFocus, locked]);

  const nameField = register("name", {
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const s = schemas.find((x) => x.name === e.target.value);
      const t = schemaValueType(s);
      // A label schema fixes the kind and the value's type, so labels made here match the reviewers'.
      if (s) setValue("kind", s.type === "expectation" ? "EXPECTATION" : "FEEDBACK");
      if (t) {
        setValue("valueType", t);
        setValue("valueText", "");
      }
    },
  });

  const submit = handleSubmit(async (v) => {
    const parsed = parseFormValue(v.valueType, v.valueText, options);
    if (!parsed.ok) return;
    try {
      await onSubmit({
        kind: v.kind,
        name: v.name.trim(),
        value: parsed.value,
        rationale: v.rationale.trim() ? v.rationale : null,
        spanId: v.spanId,
      });
    } catch (err) {
      applyServerErrors(err, form.setError, {
        name: "name",
        value: "valueText",
        rationale: "rationale",
        spanId: "spanId",
      });
    }
  });

  const field =
    "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500";
  return (
    <form
      onSubmit={submit}
      className="space-y-2 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200"
      aria-label={mode === "create" ? "Add assessment" : mode === "edit" ? "Edit assessment" : "Override assessment"}
    >
      {!locked ? (
        <div role="radiogroup" aria-label="Type" className="flex gap-3">
          {(["FEEDBACK", "EXPECTATION"] as const).map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" value={k} checked={kind === k} {...register("kind")} />
              {k === "FEEDBACK" ? "Feedback" : "Expectation"}
            </label>
          ))}
        </div>
      ) : null}
      {!locked ? (
        <div>
          <label className="block">
            <span className="mb-0.5 block text-xs font-medium text-slate-700">Name</span>
            <input
              className={field}
              list="assessment-name-suggestions"
              {...nameField}
              aria-invalid={Boolean(errors.name)}
            />
          </label>
          <datalist id="assessment-name-suggestions">
            {[...new Set([...schemas.map((s) => s.name), ...suggestions])].map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {errors.name ? <span className="text-xs text-red-600">{errors.name.message}</span> : null}
        </div>
      ) : null}
      {!locked && targets.length > 1 ? (
        <label className="block">
          <span className="mb-0.5 block text-xs font-medium text-slate-700">Attach to</span>
          <select className={field} {...register("spanId", { setValueAs: (v: string | null) => v || null })}>
            {targets.map((t) => (
              <option key={t.spanId ?? "trace"} value={t.spanId ?? ""}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="flex gap-2">
        <label className="w-32 shrink-0">
          <span className="mb-0.5 block text-xs font-medium text-slate-700">Value type</span>
          <select
            className={field}
            {...register("valueType", {
              onChange: (e: React.ChangeEvent<HTMLSelectElement>) =>
                setValue("valueText", (e.target.value as ValueType) === "boolean" ? "true" : ""),
            })}
          >
            {VALUE_TYPES.filter((t) => t !== "categorical" || options.length > 0).map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <div className="min-w-0 flex-1">
          <label htmlFor={`${uid}-value`} className="mb-0.5 block text-xs font-medium text-slate-700">
            Value
          </label>
          {valueType === "boolean" ? (
            <select id={`${uid}-value`} className={field} {...register("valueText")}>
              <option value="true">true (pass)</option>
              <option value="false">false (fail)</option>
            </select>
          ) : valueType === "categorical" ? (
            <select id={`${uid}-value`} className={field} {...register("valueText")}>
              <option value="">Choose…</option>
              {options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : valueType === "json" || valueType === "text" ? (
            <textarea
              id={`${uid}-value`}
              className={`${field} ${valueType === "json" ? "font-mono" : ""}`}
              rows={2}
              {...register("valueText")}
              aria-invalid={Boolean(errors.valueText)}
            />
          ) : (
            <input
              id={`${uid}-value`}
              className={field}
              inputMode="decimal"
              {...register("valueText")}
              aria-invalid={Boolean(errors.valueText)}
            />
          )}
          {errors.valueText ? <span className="text-xs text-red-600">{errors.valueText.message}</span> : null}
        </div>
      </div>
      <div>
        <label htmlFor={`${uid}-rationale`} className="mb-0.5 block text-xs font-medium text-slate-700">
          Rationale
        </label>
        <textarea
          id={`${uid}-rationale`}
          className={field}
          rows={2}
          {...register("rationale")}
          placeholder="Why? (optional)"
        />
      </div>
      <FormError errors={errors} />
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : mode === "create" ? "Add" : mode === "edit" ? "Save" : "Override"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
