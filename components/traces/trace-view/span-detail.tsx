"use client";

import { useState } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { JsonView } from "@/components/traces/content/json-view";
import { SpanContent } from "@/components/traces/content/span-content";
import { formatDuration } from "@/components/traces/table/trace-columns";
import { formatUsd } from "@/lib/costs/match-price";
import type { SpanDto } from "@/lib/traces/schemas";
import type { SpanSummaryDto } from "@/lib/traces/tree-wire";
import { SpanTypeIcon } from "./span-type-icon";

type Tab = "io" | "attributes" | "events";

const durationMs = (s: Pick<SpanDto, "startTimeNs" | "endTimeNs">) =>
  s.endTimeNs ? Number((BigInt(s.endTimeNs) - BigInt(s.startTimeNs)) / 1000n) / 1000 : null;

/**
 * The selected span while its content loads (or failed to): what the tree already knows, in the
 * same places, so moving through spans with the keyboard never shows an empty pane.
 */
export function SpanDetailPending({ span, error }: { span: SpanSummaryDto; error?: string | null }) {
  return (
    <div className="flex h-full flex-col" data-testid="span-detail" aria-busy={!error}>
      <div className="border-b border-slate-200 px-3 py-2">
        <div className="flex items-center gap-2">
          <SpanTypeIcon spanType={span.spanType} />
          <h3 className="truncate font-semibold text-slate-900">{span.name}</h3>
          <span className="text-xs text-slate-500">{span.spanType}</span>
          <span className="ml-auto text-xs tabular-nums text-slate-500">{formatDuration(durationMs(span))}</span>
        </div>
        <div className="mt-1 flex flex-wrap gap-2 text-xs text-slate-500">
          <span className="font-mono">{span.spanId}</span>
        </div>
      </div>
      {error ? (
        <p role="alert" className="p-3 text-sm text-red-700">
          Could not load this span: {error}
        </p>
      ) : (
        <p role="status" className="animate-pulse p-3 text-sm text-slate-500">
          Loading span…
        </p>
      )}
    </div>
  );
}

/** The selected span: inputs/outputs rendered for people (raw JSON toggle), attributes, events and exceptions. */
export function SpanDetail({ span }: { span: SpanDto }) {
  const [tab, setTab] = useState<Tab>("io");
  const exceptions = span.events.filter((e) => e.name === "exception");
  const tabs: [Tab, string][] = [
    ["io", "Inputs / Outputs"],
    ["attributes", "Attributes"],
    ["events", `Events (${span.events.length})`],
  ];
  return (
    <Tabs
      value={tab}
      onValueChange={(v) => setTab(v as Tab)}
      className="flex h-full flex-col"
      data-testid="span-detail"
    >
      <div className="border-b border-slate-200 px-3 py-2">
        <div className="flex items-center gap-2">
          <SpanTypeIcon spanType={span.spanType} />
          <h3 className="truncate font-semibold text-slate-900">{span.name}</h3>
          <span className="text-xs text-slate-500">{span.spanType}</span>
          <span className="ml-auto text-xs tabular-nums text-slate-500">{formatDuration(durationMs(span))}</span>
        </div>
        <div className="mt-1 flex flex-wrap gap-2 text-xs text-slate-500">
          <span className="font-mono">{span.spanId}</span>
          {span.model ? <span>model {span.model}</span> : null}
          {span.inputTokens != null || span.outputTokens != null ? (
            <span>{`${span.inputTokens ?? 0} in / ${span.outputTokens ?? 0} out tokens`}</span>
          ) : null}
          {span.costUsd != null ? (
            <span data-testid="span-cost" title="Estimated from the token usage and the price table (Settings)">
              cost {formatUsd(span.costUsd)}
            </span>
          ) : null}
          {span.statusCode === "ERROR" ? (
            <span className="font-medium text-red-700">ERROR{span.statusMessage ? `: ${span.statusMessage}` : ""}</span>
          ) : null}
        </div>
        <TabsList aria-label="Span details" className="mt-2">
          {tabs.map(([id, label]) => (
            <TabsTrigger key={id} value={id}>
              {label}
            </TabsTrigger>
          ))}
        </TabsList>
      </div>
      <div className="flex-1 overflow-auto p-3">
        {exceptions.length > 0 && tab !== "events" ? (
          <div role="alert" className="mb-3 rounded-md bg-red-50 p-2 text-xs text-red-800">
            {exceptions.map((e, i) => (
              <div key={i} className="whitespace-pre-wrap">
                {String(e.attributes?.["exception.type"] ?? "Exception")}:{" "}
                {String(e.attributes?.["exception.message"] ?? "")}
              </div>
            ))}
          </div>
        ) : null}
        <TabsContent value="io">
          <SpanContent
            key={span.spanId}
            spanType={span.spanType}
            spanName={span.name}
            inputs={span.inputs}
            outputs={span.outputs}
            messageFormat={
              typeof span.attributes["mlflow.message.format"] === "string"
                ? (span.attributes["mlflow.message.format"] as string)
                : null
            }
          />
        </TabsContent>
        <TabsContent value="attributes">
          <JsonView value={span.attributes} />
        </TabsContent>
        <TabsContent value="events">
          {span.events.length === 0 ? (
            <p className="text-sm text-slate-500">This span recorded no events.</p>
          ) : (
            <ol className="space-y-2">
              {span.events.map((e, i) => (
                <li
                  key={i}
                  className={`rounded-md p-2 ring-1 ${e.name === "exception" ? "bg-red-50 ring-red-200" : "ring-slate-200"}`}
                >
                  <div className="text-xs font-semibold">{e.name}</div>
                  {e.attributes?.["exception.stacktrace"] ? (
                    <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap text-xs">
                      {String(e.attributes["exception.stacktrace"])}
                    </pre>
                  ) : null}
                  <JsonView value={e.attributes ?? {}} />
                </li>
              ))}
            </ol>
          )}
        </TabsContent>
      </div>
    </Tabs>
  );
}
