"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { parseFormValue, VALUE_TYPES, type ValueType } from "@/lib/assessments/form-value";
import { ZAssessmentName, type JsonValue, type TAssessmentKind } from "@/lib/assessments/schemas";

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
  const [kind, setKind] = useState<TAssessmentKind>(initial.kind ?? "FEEDBACK");
  const [name, setName] = useState(initial.name ?? "");
  const [valueType, setValueType] = useState<ValueType>(initial.valueType ?? "boolean");
  const [valueText, setValueText] = useState(
    initial.valueText ?? ((initial.valueType ?? "boolean") === "boolean" ? "true" : ""),
  );
  const [rationale, setRationale] = useState(initial.rationale ?? "");
  const [spanId, setSpanId] = useState<string | null>(initial.spanId ?? targets[0]?.spanId ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const schema = schemas.find((s) => s.name === name);
  const options = schema?.input?.options ?? [];
  const locked = mode !== "create";

  const onName = (n: string) => {
    setName(n);
    const s = schemas.find((x) => x.name === n);
    const t = schemaValueType(s);
    // A label schema fixes the kind and the value's type, so labels made here match the reviewers'.
    if (s) setKind(s.type === "expectation" ? "EXPECTATION" : "FEEDBACK");
    if (t) {
      setValueType(t);
      setValueText("");
    }
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const n = ZAssessmentName.safeParse(name);
    if (!n.success) next.name = n.error.issues[0]!.message;
    const parsed = parseFormValue(valueType, valueText, options);
    if (!parsed.ok) next.value = parsed.error;
    setErrors(next);
    if (Object.keys(next).length || !parsed.ok) return;
    setBusy(true);
    try {
      await onSubmit({
        kind,
        name: name.trim(),
        value: parsed.value,
        rationale: rationale.trim() ? rationale : null,
        spanId,
      });
    } catch (err) {
      setErrors({ form: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

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
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
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
              value={name}
              onChange={(e) => onName(e.target.value)}
              aria-invalid={Boolean(errors.name)}
            />
          </label>
          <datalist id="assessment-name-suggestions">
            {[...new Set([...schemas.map((s) => s.name), ...suggestions])].map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {errors.name ? <span className="text-xs text-red-600">{errors.name}</span> : null}
        </div>
      ) : null}
      {!locked && targets.length > 1 ? (
        <label className="block">
          <span className="mb-0.5 block text-xs font-medium text-slate-700">Attach to</span>
          <select className={field} value={spanId ?? ""} onChange={(e) => setSpanId(e.target.value || null)}>
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
            value={valueType}
            onChange={(e) => {
              const t = e.target.value as ValueType;
              setValueType(t);
              setValueText(t === "boolean" ? "true" : "");
            }}
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
            <select
              id={`${uid}-value`}
              className={field}
              value={valueText}
              onChange={(e) => setValueText(e.target.value)}
            >
              <option value="true">👍 true</option>
              <option value="false">👎 false</option>
            </select>
          ) : valueType === "categorical" ? (
            <select
              id={`${uid}-value`}
              className={field}
              value={valueText}
              onChange={(e) => setValueText(e.target.value)}
            >
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
              value={valueText}
              onChange={(e) => setValueText(e.target.value)}
              aria-invalid={Boolean(errors.value)}
            />
          ) : (
            <input
              id={`${uid}-value`}
              className={field}
              inputMode="decimal"
              value={valueText}
              onChange={(e) => setValueText(e.target.value)}
              aria-invalid={Boolean(errors.value)}
            />
          )}
          {errors.value ? <span className="text-xs text-red-600">{errors.value}</span> : null}
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
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          placeholder="Why? (optional)"
        />
      </div>
      {errors.form ? (
        <p role="alert" className="text-xs text-red-700">
          {errors.form}
        </p>
      ) : null}
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
