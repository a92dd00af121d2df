"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  COST_FILTERS,
  LATENCY_FILTERS,
  STATE_FILTERS,
  TIME_RANGES,
  type ExplorerQuery,
  type TimeRange,
} from "@/lib/traces/explorer-query";

interface Props {
  query: ExplorerQuery;
  error: { message: string; position: number | null } | null;
  onChange: (patch: Partial<ExplorerQuery>) => void;
}

const RANGE_LABELS: Record<TimeRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

/** The MLflow filter box (press "/" to focus it) and the quick filters for time range and state. */
export function TracesToolbar({ query, error, onChange }: Props) {
  const [text, setText] = useState(query.q);
  const input = useRef<HTMLInputElement>(null);
  // The box follows the URL when the query changes elsewhere (back button, a clicked filter).
  const [textFor, setTextFor] = useState(query.q);
  if (textFor !== query.q) {
    setTextFor(query.q);
    setText(query.q);
  }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === "/" && !(target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  // The error's position counts from the start of the typed filter, which the request puts first.
  const pos = error?.position != null && error.position <= text.length ? error.position : null;
  return (
    <div className="mb-3 space-y-2">
      <form
        className="flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q: text, page: 1 });
        }}
      >
        <div className="min-w-[28rem] flex-1">
          <input
            ref={input}
            aria-label="Filter traces"
            aria-invalid={Boolean(error)}
            placeholder={`Filter, e.g. attributes.status = 'ERROR' AND tags.env = 'prod' or feedback.user_feedback = false   (press / to focus)`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={`block w-full rounded-md border bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus:outline-none focus:ring-1 ${error ? "border-red-400 focus:ring-red-400" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500"}`}
          />
          {error ? (
            <div role="alert" data-testid="filter-error" className="mt-1 text-xs text-red-700">
              {error.message}
              {pos != null ? (
                <pre className="mt-1 overflow-x-auto font-mono text-xs text-slate-700">
                  {text}
                  {"\n"}
                  {" ".repeat(pos)}^
                </pre>
              ) : null}
            </div>
          ) : null}
        </div>
        <Button type="submit">Search</Button>
        <select
          aria-label="Time range"
          value={query.range ?? ""}
          onChange={(e) => onChange({ range: (e.target.value || null) as ExplorerQuery["range"], page: 1 })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">All time</option>
          {(Object.keys(TIME_RANGES) as TimeRange[]).map((r) => (
            <option key={r} value={r}>
              {RANGE_LABELS[r]}
            </option>
          ))}
        </select>
        <select
          aria-label="Latency"
          value={query.minLatencyMs ?? ""}
          onChange={(e) =>
            onChange({
              minLatencyMs: e.target.value ? (Number(e.target.value) as ExplorerQuery["minLatencyMs"]) : null,
              page: 1,
            })
          }
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">Any latency</option>
          {LATENCY_FILTERS.map((ms) => (
            <option key={ms} value={ms}>{`≥ ${ms / 1000} s`}</option>
          ))}
        </select>
        <select
          aria-label="Cost"
          value={query.minCostUsd ?? ""}
          onChange={(e) =>
            onChange({
              minCostUsd: e.target.value ? (Number(e.target.value) as ExplorerQuery["minCostUsd"]) : null,
              page: 1,
            })
          }
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          <option value="">Any cost</option>
          {COST_FILTERS.map((usd) => (
            <option key={usd} value={usd}>{`≥ $${usd}`}</option>
          ))}
        </select>
        <div role="group" aria-label="State" className="inline-flex rounded-md ring-1 ring-slate-300">
          {[null, ...STATE_FILTERS].map((s) => (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={query.state === s}
              onClick={() => onChange({ state: s, page: 1 })}
              className={`px-2.5 py-1.5 text-xs font-medium first:rounded-l-md last:rounded-r-md ${query.state === s ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {s ?? "All states"}
            </button>
          ))}
        </div>
      </form>
    </div>
  );
}
