"use client";

import { useQuery } from "@tanstack/react-query";
import { ListFilter } from "lucide-react";
import { useId, useState } from "react";
import { traceKeys } from "@/components/cache/trace-keys";
import { api } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { Popover, PopoverClose, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import {
  BUILDER_FIELDS,
  buildClause,
  comparatorsFor,
  KEYED_FIELDS,
  type BuilderField,
} from "@/lib/traces/search/build-clause";
import type { FilterSuggestionsResult } from "@/lib/traces/schemas";

const FIELD_LABELS: Record<BuilderField, string> = {
  text: "Text (request, response, span inputs/outputs)",
  tag: "Tag",
  metadata: "Metadata",
  feedback: "Feedback",
  expectation: "Expectation",
  "span.name": "Span name",
  "span.type": "Span type",
  "span.model": "Model",
  status: "Status",
};

/** Keys or values that exist, for the builder's autocomplete (native datalist). */
function useSuggestions(experimentId: string, field: BuilderField, key: string | null, prefix: string) {
  const enabled = field !== "text" && field !== "status" && (key === null || key !== "");
  const params = new URLSearchParams({ experimentId, field, prefix, pageSize: "50" });
  if (key) params.set("key", key);
  return useQuery({
    queryKey: [...traceKeys.all, "suggestions", experimentId, field, key, prefix] as const,
    queryFn: ({ signal }) => api.get<FilterSuggestionsResult>(`/api/traces/filter-suggestions?${params}`, signal),
    enabled,
    staleTime: 30_000,
  });
}

/**
 * "Add filter": pick a field, a key and a value from what exists in the experiment, and the
 * clause is appended to the filter box exactly as it would be typed.
 */
export function FilterBuilder({ experimentId, onAdd }: { experimentId: string; onAdd: (clause: string) => void }) {
  const id = useId();
  const [field, setField] = useState<BuilderField>("text");
  const [key, setKey] = useState("");
  const [comparator, setComparator] = useState("=");
  const [value, setValue] = useState("");
  const keyed = KEYED_FIELDS.includes(field);
  const keys = useSuggestions(experimentId, keyed ? field : "text", null, key);
  const values = useSuggestions(experimentId, field, keyed ? key : null, keyed ? "" : value);
  const valueOptions = field === "status" ? ["OK", "ERROR", "IN_PROGRESS"] : (values.data?.items ?? []);
  const comparators = comparatorsFor(field);
  const ready = value.trim() !== "" && (!keyed || key.trim() !== "");
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button type="button" variant="secondary">
          <ListFilter aria-hidden className="h-4 w-4" />
          Add filter
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Add filter" className="w-96 space-y-2 text-sm">
        <label className="block">
          <span className="text-xs font-medium text-slate-600">Field</span>
          <select
            aria-label="Field"
            value={field}
            onChange={(e) => {
              const f = e.target.value as BuilderField;
              setField(f);
              setKey("");
              setValue("");
              setComparator("=");
            }}
            className="mt-0.5 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
          >
            {BUILDER_FIELDS.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        {keyed ? (
          <label className="block">
            <span className="text-xs font-medium text-slate-600">
              {field === "feedback" || field === "expectation" ? "Name" : "Key"}
            </span>
            <input
              aria-label="Key"
              list={`${id}-keys`}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              className="mt-0.5 block w-full rounded-md border border-slate-300 px-2 py-1.5"
            />
            <datalist id={`${id}-keys`} data-testid="key-suggestions">
              {(keys.data?.items ?? []).map((k) => (
                <option key={k} value={k} />
              ))}
            </datalist>
          </label>
        ) : null}
        <div className="flex gap-2">
          {comparators.length ? (
            <select
              aria-label="Comparator"
              value={comparator}
              onChange={(e) => setComparator(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
            >
              {comparators.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : null}
          <input
            aria-label="Value"
            list={`${id}-values`}
            value={value}
            placeholder={field === "text" ? "Words or a phrase" : comparator === "LIKE" ? "%pattern%" : "Value"}
            onChange={(e) => setValue(e.target.value)}
            className="block w-full rounded-md border border-slate-300 px-2 py-1.5"
          />
          <datalist id={`${id}-values`} data-testid="value-suggestions">
            {valueOptions.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </div>
        <p className="font-mono text-xs text-slate-500" data-testid="builder-preview">
          {ready ? buildClause({ field, key, comparator, value }) : "\u00a0"}
        </p>
        <PopoverClose asChild>
          <Button type="button" disabled={!ready} onClick={() => onAdd(buildClause({ field, key, comparator, value }))}>
            Add to filter
          </Button>
        </PopoverClose>
      </PopoverContent>
    </Popover>
  );
}
